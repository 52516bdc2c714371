import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { deviceMachine } from '../models/device.machine';
import { licenseMachine } from '../models/license.machine';
import { smartServerMachine } from '../models/smartserver';
import { uncoveredHere, type MachineInput } from '../reports/conformance';
import { writeConformanceReport } from '../reports/write-conformance';
import { PACKAGE_REPORTS } from '../reports/out-dir';
import { CLAIMS_FOLDER } from '../steps/drivers/browser/screenshots';
import { clearWorkerReports } from './worker-reports';

/** The conformance report after `sslab conformance` ran its targets: written to reports/out, summarised on the console. */
const ROOT = join(__dirname, '..');

/** Where a run's outputs are and which feature folders its scenarios come from, each keyed as cucumber keyed them. */
export interface ReportPlace {
  reports: string;
  featureSources: { dir: string; keysRelativeTo: string }[];
}

/** sslab's own checkout: reports/out and the bundled features, keyed from the checkout's root. */
export const OWN_CHECKOUT: ReportPlace = { reports: PACKAGE_REPORTS, featureSources: [{ dir: join(ROOT, 'features'), keysRelativeTo: ROOT }] };

/** Requirement families that another part of the suite (features/ecostruxure) checks. */
const ELSEWHERE = ['ECX'];

/** The SmartServer machines, and any machine file of models/ecostruxure, each export with a root state node. */
function machines(): MachineInput[] {
  const found: MachineInput[] = [
    { title: 'License (licenseMachine)', machine: licenseMachine },
    { title: 'Device (deviceMachine)', machine: deviceMachine },
    { title: 'SmartServer licensing (smartServerMachine)', machine: smartServerMachine },
  ];
  const dir = join(ROOT, 'models', 'ecostruxure');
  if (!existsSync(dir)) return found;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.machine.ts'))
    .sort()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(join(dir, file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      const candidate = value as { root?: unknown; id?: unknown };
      if (candidate && typeof candidate === 'object' && candidate.root && typeof candidate.id === 'string') {
        found.push({ title: `EcoStruxure ${candidate.id} (${name})`, machine: candidate as MachineInput['machine'] });
      }
    }
  }
  return found;
}

/** Before a target runs: forget its previous results, so a run that dies early cannot report stale ones (nor pass for a shard). */
export function clearPreviousRun(target: string, reports = PACKAGE_REPORTS): void {
  for (const file of ['cucumber.json', 'transitions.json', 'target.json', 'shard.json']) rmSync(join(reports, target, file), { force: true });
  clearWorkerReports(join(reports, target));
  // Which screens earlier parallel runs took; the pictures themselves stay until this run replaces them.
  rmSync(join(reports, 'screenshots', CLAIMS_FOLDER), { recursive: true, force: true });
}

/**
 * Writes the report for the targets that ran and prints its Markdown summary; returns how many requirements outside ECX are uncovered.
 * `place` says where the run's reports are and the report goes, and which feature folders its scenarios came from.
 */
export function reportConformance(targets: string[], tags?: string, place: ReportPlace = OWN_CHECKOUT): number {
  const { report, summary, html, markdown } = writeConformanceReport({
    root: ROOT,
    out: place.reports,
    featureSources: place.featureSources,
    targets,
    machines: machines(),
    elsewhere: ELSEWHERE,
  });
  console.log(`\n${summary}`);
  if (tags) console.log(`The run was limited to the scenarios matching "${tags}": requirements checked only by others show as uncovered.`);
  console.log(`Full report: ${relative(process.cwd(), html)} and ${relative(process.cwd(), markdown)}`);
  return uncoveredHere(report).length;
}
