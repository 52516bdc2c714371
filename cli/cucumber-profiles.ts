import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ProjectConfig } from '../steps/config/project-config';

/**
 * cucumber-js's profiles for a run in a team's project: the package's own cucumber.json profiles
 * (mock, emulator, real, browser), with the bundled support code and features named by absolute
 * paths inside the package, the project's steps and features added, and the reports sent to the
 * project's folder. Cucumber runs with the project as its working folder, so the team's patterns
 * mean what they say in sslab.config.json.
 */
export const PACKAGE_ROOT = join(__dirname, '..');

/** The configuration file cucumber-js is given in a team's project (it calls projectProfiles). */
export const PROJECT_CUCUMBER_CONFIG = join(__dirname, 'cucumber.project.cjs');

/** What `sslab conformance` tells the cucumber child: which sslab.config.json it read (none for the defaults). */
export const CONFIG_VARIABLE = 'SSLAB_CONFIG';

export interface CucumberProfile {
  require?: string[];
  paths?: string[];
  format?: string[];
  [setting: string]: unknown;
}

const REPORTS_PREFIX = 'reports/out/';

export function packageProfiles(packageRoot = PACKAGE_ROOT): Record<string, CucumberProfile> {
  return JSON.parse(readFileSync(join(packageRoot, 'cucumber.json'), 'utf8')) as Record<string, CucumberProfile>;
}

/** A format such as `json:reports/out/mock/cucumber.json`, written into `reports` instead. */
function redirectFormat(format: string, reports: string): string {
  const at = format.indexOf(`:${REPORTS_PREFIX}`);
  return at < 0 ? format : `${format.slice(0, at)}:${join(reports, format.slice(at + 1 + REPORTS_PREFIX.length))}`;
}

export function projectProfiles(config: ProjectConfig, packageRoot = PACKAGE_ROOT): Record<string, CucumberProfile> {
  const inPackage = (path: string) => join(packageRoot, path);
  return Object.fromEntries(
    Object.entries(packageProfiles(packageRoot)).map(([name, profile]) => [
      name,
      {
        ...profile,
        require: [...(profile.require ?? []).map(inPackage), ...config.steps],
        paths: [...(config.bundledSuite ? (profile.paths ?? []).map(inPackage) : []), ...config.features],
        format: (profile.format ?? []).map((format) => redirectFormat(format, config.reports)),
      },
    ]),
  );
}

/** How the command line names the project configuration file to cucumber-js, which reads it relative to its working folder. */
export function cucumberConfigArgument(cwd: string): string {
  return relative(cwd, PROJECT_CUCUMBER_CONFIG);
}
