import parseTagExpression from '@cucumber/tag-expressions';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exercisedEdges, machineGraph, toMermaid, type MachineLike, type RecordedTransition } from './machines';
import { familyOf, parseRequirements, type Conflict, type Requirement } from './requirements';
import { listScenarios, readCucumberJson, type ScenarioInfo, type ScenarioResult, type ScenarioStatus } from './scenarios';
import { transitionCoverage, transitionCoverageHtml, transitionCoverageMarkdown, type TransitionComparison } from './transition-coverage';

/**
 * The conformance report: for every requirement of reports/requirements.md, the scenarios that
 * carry its tag and how each fared on each target; the requirements nothing checks; the scenarios
 * each target's mix left out and why; the conflicts between sources; and the state machines, drawn
 * from their definitions, with the transitions the run exercised.
 */
/** A tag expression the run left out, and why (target.json's leftOut). */
export interface LeftOutRule {
  expression: string;
  reason: string;
}

/** Where each system of a run lived and how each surface was driven, in words (target.json). */
export interface RunMix {
  systems: Record<string, string>;
  surfaces: Record<string, string>;
}

export interface TargetRun {
  target: string;
  description?: string;
  mix?: RunMix;
  /** The scenarios this run left out on purpose, by tag expression, each with its reason. */
  leftOut?: LeftOutRule[];
  results: ScenarioResult[];
  transitions?: RecordedTransition[];
  /** What `sslab paths` exercised on this target (generated-transitions.json), to set beside the suite's. */
  generatedTransitions?: RecordedTransition[];
}

export interface MachineInput {
  title: string;
  machine: MachineLike;
}

export interface ConformanceInput {
  requirementsMarkdown: string;
  scenarios: ScenarioInfo[];
  runs: TargetRun[];
  machines: MachineInput[];
  /** Requirement families another part of the project checks, reported but not held against this suite. */
  elsewhere?: string[];
}

/** A scenario's result on one target; "left out" when the target's mix leaves it out on purpose. */
export type TargetResult = ScenarioStatus | 'not run' | 'left out';

export interface RequirementRow extends Requirement {
  scenarios: { scenario: ScenarioInfo; results: Record<string, TargetResult> }[];
  covered: boolean;
  /** Why the requirement is not covered, when it is not. */
  gap?: 'no scenario checks it' | 'no scenario passes';
}

export interface ConformanceReport {
  targets: string[];
  targetDescriptions: Record<string, string>;
  /** The systems placed and surfaces driven otherwise than through the API, per target, in words. */
  targetMixes: Record<string, string[]>;
  coverageTarget?: string;
  rows: RequirementRow[];
  uncovered: RequirementRow[];
  unknownTags: { tag: string; scenarios: string[] }[];
  /** Per target, the scenarios its mix left out and why. */
  leftOut: { target: string; scenario: ScenarioInfo; reasons: string[] }[];
  conflicts: Conflict[];
  totals: Record<string, Record<string, number>>;
  machines: { title: string; mermaid: string; edges: number; exercised: number; unexercised: string[] }[];
  /** Per machine the generated paths ran for: the transitions the suite exercised and those only the generated paths did. */
  transitionCoverage: TransitionComparison[];
  elsewhere: string[];
}

const REQ_TAG = /^@REQ-(.+)$/;

export function buildReport(input: ConformanceInput): ConformanceReport {
  const { requirements, conflicts } = parseRequirements(input.requirementsMarkdown);
  const targets = input.runs.map((r) => r.target);
  const coverageTarget = targets.includes('mock') ? 'mock' : targets[0];
  const resultByTarget = new Map(input.runs.map((run) => [run.target, new Map(run.results.map((r) => [r.key, r.status]))]));
  const known = new Set(requirements.map((r) => r.id));
  const leftOut = input.runs.flatMap((run) => {
    const rules = (run.leftOut ?? []).map((rule) => ({ ...rule, matches: parseTagExpression(rule.expression) }));
    return input.scenarios
      .filter((scenario) => !resultByTarget.get(run.target)!.has(scenario.key))
      .map((scenario) => ({ target: run.target, scenario, reasons: rules.filter((rule) => rule.matches.evaluate(scenario.tags)).map((rule) => rule.reason) }))
      .filter((l) => l.reasons.length > 0);
  });
  const leftOutKeys = new Set(leftOut.map((l) => `${l.target} ${l.scenario.key}`));
  const resultOf = (target: string, key: string): TargetResult =>
    resultByTarget.get(target)!.get(key) ?? (leftOutKeys.has(`${target} ${key}`) ? 'left out' : 'not run');

  const rows: RequirementRow[] = requirements.map((req) => {
    const scenarios = input.scenarios
      .filter((s) => s.tags.includes(`@REQ-${req.id}`))
      .map((scenario) => ({
        scenario,
        results: Object.fromEntries(targets.map((t) => [t, resultOf(t, scenario.key)])) as Record<string, TargetResult>,
      }));
    const covered = coverageTarget !== undefined && scenarios.some((s) => s.results[coverageTarget] === 'passed');
    const gap = covered ? undefined : scenarios.length === 0 ? 'no scenario checks it' : 'no scenario passes';
    return { ...req, scenarios, covered, ...(gap ? { gap } : {}) };
  });

  const unknown = new Map<string, string[]>();
  for (const s of input.scenarios) {
    for (const tag of s.tags) {
      const id = REQ_TAG.exec(tag)?.[1];
      if (id && !known.has(id)) unknown.set(tag, [...(unknown.get(tag) ?? []), s.name]);
    }
  }

  const totals = Object.fromEntries(
    input.runs.map((run) => {
      const counts: Record<string, number> = { scenarios: run.results.length };
      for (const r of run.results) counts[r.status] = (counts[r.status] ?? 0) + 1;
      return [run.target, counts];
    }),
  );

  const recorded = input.runs.flatMap((r) => r.transitions ?? []);
  const machines = input.machines.map(({ title, machine }) => {
    const graph = machineGraph(machine, title);
    const exercised = exercisedEdges(graph, recorded);
    const unexercised = graph.edges.filter((_, i) => !exercised.has(i)).map((e) => `${e.source} --${e.event}--> ${e.target}`);
    return { title, mermaid: toMermaid(graph, exercised, recorded), edges: graph.edges.length, exercised: exercised.size, unexercised };
  });

  const elsewhere = input.elsewhere ?? [];
  return {
    targets,
    targetDescriptions: Object.fromEntries(input.runs.map((r) => [r.target, r.description ?? ''])),
    targetMixes: Object.fromEntries(input.runs.map((r) => [r.target, mixInWords(r.mix)])),
    coverageTarget,
    rows,
    uncovered: rows.filter((r) => !r.covered),
    unknownTags: [...unknown].map(([tag, scenarios]) => ({ tag, scenarios })),
    leftOut,
    conflicts,
    totals,
    machines,
    transitionCoverage: transitionCoverage(
      input.machines,
      recorded,
      input.runs.flatMap((r) => r.generatedTransitions ?? []),
    ),
    elsewhere,
  };
}

/**
 * A run's systems, and the surfaces it drove otherwise than through the API, one line each; none
 * for a run with every system in one place and every surface through the API, which its
 * description says already.
 */
function mixInWords(mix: RunMix | undefined): string[] {
  if (!mix) return [];
  const surfaces = Object.entries(mix.surfaces)
    .filter(([, how]) => how !== 'the API')
    .map(([surface, how]) => `${surface} through ${how}`);
  if (new Set(Object.values(mix.systems)).size <= 1 && surfaces.length === 0) return [];
  return [...Object.entries(mix.systems).map(([system, where]) => `${system}: ${where}`), ...surfaces];
}

/** Requirements not covered outside the families another part of the project checks. */
export function uncoveredHere(report: ConformanceReport): RequirementRow[] {
  return report.uncovered.filter((r) => !report.elsewhere.includes(familyOf(r.id)));
}

const SYMBOL: Record<string, string> = {
  passed: '✔',
  failed: '✖',
  undefined: '?',
  pending: '…',
  skipped: '-',
  ambiguous: '‼',
  'not run': '·',
  'left out': '⊘',
};

function tally(row: RequirementRow, target: string): string {
  const ran = row.scenarios.filter((s) => s.results[target] !== 'not run' && s.results[target] !== 'left out');
  if (ran.length === 0) return row.scenarios.some((s) => s.results[target] === 'left out') ? '⊘' : '·';
  const passed = ran.filter((s) => s.results[target] === 'passed').length;
  return `${passed === ran.length ? '✔' : '✖'} ${passed}/${ran.length}`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The Markdown report; `brief` leaves out the per-scenario lists and the diagrams (the console summary). */
export function renderMarkdown(report: ConformanceReport, brief = false): string {
  const out: string[] = ['# Conformance report', ''];
  for (const t of report.targets) {
    const counts = report.totals[t];
    const parts = Object.entries(counts)
      .filter(([k]) => k !== 'scenarios')
      .map(([k, v]) => `${v} ${k}`);
    out.push(
      `- **${t}**: ${counts.scenarios} scenarios (${parts.join(', ') || 'none'})${report.targetDescriptions[t] ? ` on ${report.targetDescriptions[t]}` : ''}`,
    );
    if (!brief) for (const line of report.targetMixes[t] ?? []) out.push(`  - ${line}`);
  }
  out.push(`- Coverage is judged on the ${report.coverageTarget ?? '(none)'} run: a requirement is covered when a scenario carrying its tag passed there.`, '');

  const uncovered = uncoveredHere(report);
  out.push('## Requirements no passing scenario checks', '');
  if (report.uncovered.length === 0) out.push('None: every requirement is checked by a passing scenario.');
  for (const r of report.uncovered) {
    const note = report.elsewhere.includes(familyOf(r.id)) ? ' (checked by the EcoStruxure part of the suite)' : '';
    out.push(`- **UNCOVERED ${r.id}** (${r.gap})${note}: ${r.text}`);
  }
  if (uncovered.length > 0) out.push('', `**${uncovered.length} requirement(s) outside ${report.elsewhere.join(', ') || 'any other part'} are not covered.**`);
  for (const u of report.unknownTags) out.push(`- **UNKNOWN TAG ${u.tag}** on: ${u.scenarios.join('; ')}`);
  out.push('');

  out.push(
    '## Requirements',
    '',
    `| ID | requirement | scenarios | ${report.targets.join(' | ')} |`,
    `|---|---|---|${report.targets.map(() => '---|').join('')}`,
  );
  for (const r of report.rows) {
    const text = `${r.text}${r.inferred ? ' *(inferred)*' : ''}`;
    out.push(`| ${r.covered ? r.id : `**${r.id}**`} | ${cell(text)} | ${r.scenarios.length} | ${report.targets.map((t) => tally(r, t)).join(' | ')} |`);
    if (!brief) {
      for (const s of r.scenarios) {
        out.push(
          `|  | ↳ ${cell(s.scenario.name)} (${s.scenario.uri}:${s.scenario.line}) |  | ${report.targets.map((t) => SYMBOL[s.results[t]] ?? s.results[t]).join(' | ')} |`,
        );
      }
    }
  }
  out.push('');

  out.push('## Scenarios left out', '');
  if (report.leftOut.length === 0) out.push('No target left a scenario out.');
  for (const target of report.targets) {
    const mine = report.leftOut.filter((l) => l.target === target);
    if (mine.length === 0) continue;
    const byReason = new Map<string, number>();
    for (const l of mine) for (const reason of l.reasons) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
    out.push(`The ${target} target left out ${mine.length} scenarios, which need what its systems do not offer:`);
    for (const [reason, n] of byReason) out.push(`- ${n}: ${reason}`);
    if (!brief) for (const l of mine) out.push(`  - ${l.scenario.name} (${l.scenario.uri}:${l.scenario.line})`);
    out.push('');
  }
  out.push('');

  out.push('## Conflicts between sources', '');
  for (const c of report.conflicts) out.push(`- **${c.id}** ${c.text}`);
  out.push('');

  // Where the vendors' documents are silent, the behaviour the suite chose is listed beside the conflicts.
  out.push('## Inferences', '', "Behaviour the vendors' documents imply or leave open, as this suite chose it:", '');
  for (const r of report.rows.filter((x) => x.inferred)) out.push(`- **${r.id}** ${r.text}`);
  out.push('');

  out.push('## State machines', '');
  for (const m of report.machines) {
    out.push(`- **${m.title}**: ${m.exercised} of ${m.edges} transitions exercised by the run`);
    if (!brief) {
      out.push('', '```mermaid', m.mermaid, '```', '');
      if (m.unexercised.length > 0) out.push(`  Not exercised: ${m.unexercised.join('; ')}`, '');
    }
  }
  out.push('', ...transitionCoverageMarkdown(report.transitionCoverage, brief));
  return `${out.join('\n')}\n`;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderHtml(report: ConformanceReport): string {
  const badge = (status: string) =>
    `<span class="s ${escapeHtml(status.replace(/\s/g, '-'))}">${escapeHtml(SYMBOL[status] ?? status)} ${escapeHtml(status)}</span>`;
  const areas = [...new Set(report.rows.map((r) => r.area))];
  const requirementRows = areas
    .map((area) => {
      const rows = report.rows
        .filter((r) => r.area === area)
        .map((r) => {
          const scenarios = r.scenarios
            .map(
              (s) =>
                `<li>${escapeHtml(s.scenario.name)} <code>${escapeHtml(`${s.scenario.uri}:${s.scenario.line}`)}</code> ${report.targets.map((t) => `${escapeHtml(t)} ${badge(s.results[t])}`).join(' ')}</li>`,
            )
            .join('');
          const state = r.covered ? '<span class="ok">covered</span>' : `<span class="gap">UNCOVERED: ${escapeHtml(r.gap ?? '')}</span>`;
          return `<tr class="${r.covered ? '' : 'uncovered'}"><td><b>${escapeHtml(r.id)}</b></td><td>${escapeHtml(r.text)}${r.inferred ? ' <i>(inferred)</i>' : ''}<details><summary>${r.scenarios.length} scenario(s)</summary><ul>${scenarios}</ul></details></td>${report.targets.map((t) => `<td>${escapeHtml(tally(r, t))}</td>`).join('')}<td>${state}</td></tr>`;
        })
        .join('\n');
      return `<tr><th colspan="${report.targets.length + 3}" class="area">${escapeHtml(area)}</th></tr>\n${rows}`;
    })
    .join('\n');
  const uncovered =
    report.uncovered.length === 0
      ? '<p class="ok">Every requirement is checked by a passing scenario.</p>'
      : `<ul>${report.uncovered.map((r) => `<li class="gap"><b>${escapeHtml(r.id)}</b> (${escapeHtml(r.gap ?? '')})${report.elsewhere.includes(familyOf(r.id)) ? ' — checked by the EcoStruxure part of the suite' : ''}: ${escapeHtml(r.text)}</li>`).join('')}</ul>`;
  const leftOut =
    report.leftOut.length === 0
      ? '<p>No target left a scenario out.</p>'
      : `<ul>${report.leftOut.map((l) => `<li><b>${escapeHtml(l.target)}</b>: ${escapeHtml(l.scenario.name)} <code>${escapeHtml(`${l.scenario.uri}:${l.scenario.line}`)}</code>: ${escapeHtml(l.reasons.join('; '))}</li>`).join('')}</ul>`;
  const machines = report.machines
    .map(
      (m) =>
        `<h3>${escapeHtml(m.title)}</h3><p>${m.exercised} of ${m.edges} transitions exercised.${m.unexercised.length ? ` Not exercised: ${escapeHtml(m.unexercised.join('; '))}.` : ''}</p><pre class="mermaid">${escapeHtml(m.mermaid)}</pre>`,
    )
    .join('\n');
  const totals = report.targets
    .map(
      (t) =>
        `<li><b>${escapeHtml(t)}</b>: ${Object.entries(report.totals[t])
          .map(([k, v]) => `${v} ${escapeHtml(k)}`)
          .join(', ')}${report.targetDescriptions[t] ? ` — ${escapeHtml(report.targetDescriptions[t])}` : ''}${
          (report.targetMixes[t] ?? []).length ? `<ul>${report.targetMixes[t].map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>` : ''
        }</li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sslab conformance report</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem;color:#222}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}
th.area{background:#eef;font-size:1.05rem}tr.uncovered td{background:#fde7e7}.gap{color:#b00020;font-weight:bold}.ok{color:#2e7d32}
.s{font-size:.8rem;padding:0 .3rem;border-radius:.3rem}.s.passed{background:#d9f2d9}.s.failed{background:#f8d0d0}.s.not-run,.s.left-out{background:#eee}
pre.mermaid{background:#fafafa;border:1px solid #ddd;padding:.5rem;overflow:auto}code{font-size:.8rem;color:#555}
</style></head><body>
<h1>Conformance report</h1>
<ul>${totals}</ul>
<p>Coverage is judged on the <b>${escapeHtml(report.coverageTarget ?? '(none)')}</b> run: a requirement is covered when a scenario carrying its tag passed there.</p>
<h2>Requirements no passing scenario checks</h2>${uncovered}
${report.unknownTags.length ? `<h2>Unknown requirement tags</h2><ul>${report.unknownTags.map((u) => `<li class="gap">${escapeHtml(u.tag)}: ${escapeHtml(u.scenarios.join('; '))}</li>`).join('')}</ul>` : ''}
<h2>Requirements</h2>
<table><tr><th>ID</th><th>Requirement and scenarios</th>${report.targets.map((t) => `<th>${escapeHtml(t)}</th>`).join('')}<th></th></tr>
${requirementRows}
</table>
<h2>Scenarios left out (${report.leftOut.length})</h2>${leftOut}
<h2>Conflicts between sources</h2><ul>${report.conflicts.map((c) => `<li><b>${escapeHtml(c.id)}</b> ${escapeHtml(c.text)}</li>`).join('')}</ul>
<h2>Inferences</h2><p>Behaviour the vendors' documents imply or leave open, as this suite chose it:</p><ul>${report.rows
    .filter((r) => r.inferred)
    .map((r) => `<li><b>${escapeHtml(r.id)}</b> ${escapeHtml(r.text)}</li>`)
    .join('')}</ul>
<h2>State machines</h2>
<p>Drawn from the machine definitions; ✔ <i>n</i> marks a transition the emulator performed <i>n</i> times during the run, and green states were reached. Without a network connection the diagrams stay as Mermaid text.</p>
${machines}
${transitionCoverageHtml(report.transitionCoverage)}
<script type="module">
try { const { default: mermaid } = await import('https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.esm.min.mjs'); mermaid.initialize({ startOnLoad: false }); await mermaid.run(); } catch { /* the Mermaid text stays readable */ }
</script>
</body></html>
`;
}

export interface WriteOptions {
  /** sslab's own folder: reports/requirements.md and the bundled features/. */
  root: string;
  /** Where the runs' outputs are and the report goes: `<root>/reports/out` unless given. */
  out?: string;
  /** The feature folders to list scenarios from, each keyed as cucumber keyed them: the bundled features/, relative to `root`, unless given. */
  featureSources?: { dir: string; keysRelativeTo: string }[];
  targets: string[];
  machines: MachineInput[];
  elsewhere?: string[];
}

/** Reads the run outputs under reports/out (or `out`), writes conformance.html and conformance.md there, and returns the report. */
export function writeConformanceReport(options: WriteOptions): { report: ConformanceReport; summary: string; html: string; markdown: string } {
  const out = options.out ?? join(options.root, 'reports', 'out');
  const sources = options.featureSources ?? [{ dir: join(options.root, 'features'), keysRelativeTo: options.root }];
  const listed = sources.flatMap((source) => listScenarios(source.dir, source.keysRelativeTo));
  const scenarios = [...new Map(listed.map((scenario) => [scenario.key, scenario])).values()];
  const readJson = <T>(path: string): T | undefined => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined);
  const runs: TargetRun[] = options.targets.map((target) => {
    const dir = join(out, target);
    const json = join(dir, 'cucumber.json');
    const summary = readJson<{ description?: string; systems?: Record<string, string>; surfaces?: Record<string, string>; leftOut?: LeftOutRule[] }>(
      join(dir, 'target.json'),
    );
    return {
      target,
      description: summary?.description,
      mix: summary?.systems && summary.surfaces ? { systems: summary.systems, surfaces: summary.surfaces } : undefined,
      leftOut: summary?.leftOut,
      results: existsSync(json) ? readCucumberJson(readFileSync(json, 'utf8')) : [],
      transitions: readJson<{ transitions: RecordedTransition[] }>(join(dir, 'transitions.json'))?.transitions,
      generatedTransitions: readJson<{ transitions: RecordedTransition[] }>(join(dir, 'generated-transitions.json'))?.transitions,
    };
  });
  const report = buildReport({
    requirementsMarkdown: readFileSync(join(options.root, 'reports', 'requirements.md'), 'utf8'),
    scenarios,
    runs,
    machines: options.machines,
    elsewhere: options.elsewhere,
  });
  mkdirSync(out, { recursive: true });
  const html = join(out, 'conformance.html');
  const markdown = join(out, 'conformance.md');
  writeFileSync(html, renderHtml(report));
  writeFileSync(markdown, renderMarkdown(report));
  return { report, summary: renderMarkdown(report, true), html, markdown };
}
