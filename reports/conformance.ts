import parseTagExpression from '@cucumber/tag-expressions';
import { exercisedEdges, machineGraph, reachedStates, toMermaid, type MachineLike, type RecordedTransition } from './machines';
import { stateDiagramSvg } from './state-diagram-svg';
import { familyOf, parseRequirements, type Conflict, type Requirement } from './requirements';
import type { ScenarioInfo, ScenarioResult, ScenarioStatus } from './scenarios';
import { transitionCoverage, transitionCoverageMarkdown, type TransitionComparison } from './transition-coverage';

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
  /** The conflicts between sources that name this requirement. */
  conflicts: string[];
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
  machines: { title: string; mermaid: string; svg: string; edges: number; exercised: number; unexercised: string[] }[];
  /** Per machine the generated paths ran for: the transitions the suite exercised and those only the generated paths did. */
  transitionCoverage: TransitionComparison[];
  elsewhere: string[];
  headline: Headline;
}

/** One target's results at a glance. */
export interface TargetHeadline {
  target: string;
  /** Requirements with a scenario that passed on this target, of all requirements. */
  covered: number;
  requirements: number;
  scenarios: number;
  passed: number;
  failed: number;
  /** Undefined, pending, skipped or ambiguous: ran, but neither passed nor failed. */
  otherwise: number;
  leftOut: number;
  /** Why scenarios were left out, with how many each reason left out. */
  leftOutReasons: { reason: string; scenarios: number }[];
}

export interface AreaHeadline {
  area: string;
  requirements: number;
  /** Covered requirements of the area, per target. */
  covered: Record<string, number>;
  inferred: number;
  conflicts: number;
}

/** The numbers the report opens with. */
export interface Headline {
  requirements: number;
  conflicts: number;
  inferred: number;
  targets: TargetHeadline[];
  areas: AreaHeadline[];
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
    const named = conflicts.filter((c) => new RegExp(`\\b${req.id}\\b`).test(c.text)).map((c) => c.id);
    return { ...req, scenarios, covered, conflicts: named, ...(gap ? { gap } : {}) };
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
  const machines = input.machines.map(({ title, machine }, i) => {
    const graph = machineGraph(machine, title);
    const exercised = exercisedEdges(graph, recorded);
    const unexercised = graph.edges.filter((_, i) => !exercised.has(i)).map((e) => `${e.source} --${e.event}--> ${e.target}`);
    const svg = stateDiagramSvg(graph, { exercised, reached: reachedStates(graph, exercised, recorded) }, `machine-${i + 1}`);
    return { title, mermaid: toMermaid(graph, exercised, recorded), svg, edges: graph.edges.length, exercised: exercised.size, unexercised };
  });

  const elsewhere = input.elsewhere ?? [];
  const headline = headlineOf(rows, conflicts.length, input.runs, leftOut);
  return {
    headline,
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

/** The report's opening numbers: per target and per area, from the rows and the runs' own results. */
function headlineOf(rows: readonly RequirementRow[], conflicts: number, runs: readonly TargetRun[], leftOut: ConformanceReport['leftOut']): Headline {
  const coveredOn = (row: RequirementRow, target: string) => row.scenarios.some((s) => s.results[target] === 'passed');
  const targets = runs.map((run): TargetHeadline => {
    const count = (status: ScenarioStatus) => run.results.filter((r) => r.status === status).length;
    const mine = leftOut.filter((l) => l.target === run.target);
    const reasons = new Map<string, number>();
    for (const l of mine) for (const reason of l.reasons) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    return {
      target: run.target,
      covered: rows.filter((r) => coveredOn(r, run.target)).length,
      requirements: rows.length,
      scenarios: run.results.length,
      passed: count('passed'),
      failed: count('failed'),
      otherwise: run.results.length - count('passed') - count('failed'),
      leftOut: mine.length,
      leftOutReasons: [...reasons].map(([reason, scenarios]) => ({ reason, scenarios })),
    };
  });
  const areas = [...new Set(rows.map((r) => r.area))].map((area): AreaHeadline => {
    const mine = rows.filter((r) => r.area === area);
    return {
      area,
      requirements: mine.length,
      covered: Object.fromEntries(runs.map((run) => [run.target, mine.filter((r) => coveredOn(r, run.target)).length])),
      inferred: mine.filter((r) => r.inferred).length,
      conflicts: new Set(mine.flatMap((r) => r.conflicts)).size,
    };
  });
  return { requirements: rows.length, conflicts, inferred: rows.filter((r) => r.inferred).length, targets, areas };
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

export const SYMBOL: Record<string, string> = {
  passed: '✔',
  failed: '✖',
  undefined: '?',
  pending: '…',
  skipped: '-',
  ambiguous: '‼',
  'not run': '·',
  'left out': '⊘',
};

/** A requirement's result on one target: ✔ or ✖ with how many of its scenarios that ran passed, ⊘ left out, · not run. */
export function tally(row: RequirementRow, target: string): string {
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
