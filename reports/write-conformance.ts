import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport, type ConformanceReport, type LeftOutRule, type MachineInput, renderMarkdown, type TargetRun } from './conformance';
import { renderHtml } from './conformance-html';
import { withLandmarks } from './cucumber-html';
import type { RecordedTransition } from './machines';
import { listScenarios, readCucumberJson } from './scenarios';

/** Reads the runs' outputs under reports/out and writes the conformance report beside them. */
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
  // Links relative to the report, so the folder can be moved or uploaded whole.
  const cucumberReports = Object.fromEntries(options.targets.filter((t) => existsSync(join(out, t, 'cucumber.html'))).map((t) => [t, `${t}/cucumber.html`]));
  for (const target of Object.keys(cucumberReports)) {
    const page = join(out, target, 'cucumber.html');
    const before = readFileSync(page, 'utf8');
    const after = withLandmarks(before, target);
    if (after !== before) writeFileSync(page, after);
  }
  const shots = join(out, 'screenshots');
  const screenshots = existsSync(shots)
    ? readdirSync(shots)
        .filter((f) => f.endsWith('.png'))
        .sort()
        .map((f) => `screenshots/${f}`)
    : [];
  const html = join(out, 'conformance.html');
  const markdown = join(out, 'conformance.md');
  writeFileSync(html, renderHtml(report, { cucumberReports, screenshots }));
  writeFileSync(markdown, renderMarkdown(report));
  return { report, summary: renderMarkdown(report, true), html, markdown };
}
