import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedTransition } from '../../reports/machines';
import type { PathsRun, RecordedRefusal } from './runner';

/**
 * What a run of the generated paths leaves behind: reports/out/<target>/generated-transitions.json
 * in the shape of the emulator's coverage log (`{target, transitions: [{machine, from, event, to,
 * count}]}`, the shape transitions.json has for the hand-written suite) plus the refused probes,
 * and a plain-text summary per machine with every failing path as Gherkin.
 */
export interface GeneratedTransitionsFile {
  target: string;
  /** Per machine: paths run and failed, and how many transitions of its definition they took. */
  machines: Record<string, { paths: number; failed: number; edges: number; covered: number }>;
  transitions: RecordedTransition[];
  refusals: RecordedRefusal[];
}

export const GENERATED_TRANSITIONS = 'generated-transitions.json';

export function generatedTransitionsOf(run: PathsRun): GeneratedTransitionsFile {
  return {
    target: run.target,
    machines: Object.fromEntries(
      run.machines.map((m) => [
        m.machine,
        {
          paths: m.paths.length,
          failed: m.paths.filter((p) => p.failure).length,
          edges: m.edges,
          covered: m.covered,
        },
      ]),
    ),
    transitions: run.machines.flatMap((m) => m.transitions),
    refusals: run.machines.flatMap((m) => m.refusals),
  };
}

/** Writes the file under `<reports>/<target>/` and returns its path. */
export function writeGeneratedTransitions(reports: string, run: PathsRun): string {
  const dir = join(reports, run.target);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, GENERATED_TRANSITIONS);
  // Written whole and then renamed into place: the paths test and a conformance run's replay may
  // write it at the same time as the conformance report reads it.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, `${JSON.stringify(generatedTransitionsOf(run), null, 2)}\n`);
  renameSync(partial, file);
  return file;
}

export function summarizeRun(run: PathsRun): string {
  const lines = [`Generated paths on the ${run.target} target`, ''];
  for (const m of run.machines) {
    const failed = m.paths.filter((p) => p.failure);
    const probes = m.paths.reduce((n, p) => n + p.probes, 0);
    const skipped = m.paths.reduce((n, p) => n + p.skippedProbes, 0);
    lines.push(
      `${m.machine}: ${m.paths.length} paths run, ${m.paths.length - failed.length} passed, ${failed.length} failed; ` +
        `transitions covered ${m.covered} / ${m.edges}; ${probes} refused events probed${skipped ? ` (${skipped} not applicable)` : ''}`,
    );
    if (m.uncovered.length > 0) lines.push(`  not covered: ${m.uncovered.join('; ')}`);
  }
  const failures = run.machines.flatMap((m) => m.paths.filter((p) => p.failure));
  if (failures.length > 0) {
    lines.push('', `${failures.length} failing path(s), as scenarios to paste under a Feature:`, '');
    for (const p of failures) lines.push(p.failure!.gherkin);
  }
  return `${lines.join('\n')}\n`;
}
