import { join } from 'node:path';

/**
 * Where a run's generated reports go. In sslab's own checkout that is reports/out; when sslab runs
 * in a team's project, the command line names the project's folder in SSLAB_REPORTS for every
 * process it starts (cucumber, the generated paths), so they all write to the same place.
 */
export const REPORTS_VARIABLE = 'SSLAB_REPORTS';

/** This checkout's (or this installed package's) own reports/out. */
export const PACKAGE_REPORTS = join(__dirname, 'out');

export function reportsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env[REPORTS_VARIABLE] || PACKAGE_REPORTS;
}
