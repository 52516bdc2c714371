import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { joinTargetSummaries, joinTransitions } from '../reports/merge';

/**
 * A parallel run's workers each start their own systems, so each writes its own `target.json` and
 * `transitions.json` as `<name>.worker-<id>.json` (steps/support/hooks.ts). Once the run ends they
 * are joined into the one file a run of one process writes, counted as one run seeded once.
 */
const JOINED = { 'target.json': joinTargetSummaries, 'transitions.json': joinTransitions } as const;

/** The worker files of `file` in `dir`, in worker order. */
function workerFiles(dir: string, file: string): string[] {
  if (!existsSync(dir)) return [];
  const pattern = new RegExp(`^${file.replace('.json', '')}\\.worker-(\\d+)\\.json$`);
  return readdirSync(dir)
    .map((name) => ({ name, worker: pattern.exec(name)?.[1] }))
    .filter((entry): entry is { name: string; worker: string } => entry.worker !== undefined)
    .sort((a, b) => Number(a.worker) - Number(b.worker))
    .map((entry) => join(dir, entry.name));
}

/** Joins the workers' files of a run's report folder into target.json and transitions.json, and removes them. */
export function joinWorkerReports(dir: string): void {
  for (const [file, joinFiles] of Object.entries(JOINED)) {
    const parts = workerFiles(dir, file);
    if (parts.length === 0) continue;
    const joined = joinFiles(parts.map((part) => readFileSync(part, 'utf8')));
    if (joined !== undefined) writeFileSync(join(dir, file), joined);
    for (const part of parts) rmSync(part, { force: true });
  }
}

/** Removes workers' files an earlier run left behind, so they are not joined into this run's. */
export function clearWorkerReports(dir: string): void {
  for (const file of Object.keys(JOINED)) for (const part of workerFiles(dir, file)) rmSync(part, { force: true });
}
