import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { REPORTS_VARIABLE } from '../reports/out-dir';
import { readProjectConfig, type ProjectConfig } from '../steps/config/project-config';
import { OWN_CHECKOUT, type ReportPlace } from './conformance-report';
import { PRESET_NAMES } from '../steps/config/presets';
import { CONFIG_VARIABLE, cucumberConfigArgument, PACKAGE_ROOT } from './cucumber-profiles';

/**
 * Where a run of `sslab conformance` or `sslab steps` happens. In sslab's own checkout (its root,
 * no sslab.config.json) everything stays as cucumber.json says. Anywhere else the folder is a
 * team's project: its sslab.config.json (or the defaults) adds its features and steps to the
 * bundled ones and names where the reports go, and cucumber runs there.
 */
export interface RunPlace extends ReportPlace {
  /** Where cucumber and the generated paths run. */
  cwd: string;
  /** The configuration file cucumber-js is given, relative to `cwd`; none in sslab's own checkout. */
  cucumberConfig?: string;
  /** What every process the run starts is told. */
  env: Record<string, string>;
  /** The project's configuration; none in sslab's own checkout. */
  config?: ProjectConfig;
}

const sameFolder = (a: string, b: string) => existsSync(a) && existsSync(b) && realpathSync(a) === realpathSync(b);

/** The folder a pattern of feature files starts from: `features` for `features/**\/*.feature`. */
export function patternBase(pattern: string): string {
  const parts = pattern.split('/');
  const wild = parts.findIndex((part) => /[*?[\]{}()!]/.test(part));
  if (wild >= 0) return parts.slice(0, wild).join('/') || '/';
  return existsSync(pattern) && statSync(pattern).isDirectory() ? pattern : dirname(pattern);
}

export function runPlace(cwd: string, configFile?: string): RunPlace {
  const config = readProjectConfig(cwd, configFile, PRESET_NAMES);
  if (!config.file && sameFolder(cwd, PACKAGE_ROOT)) return { ...OWN_CHECKOUT, cwd: PACKAGE_ROOT, env: {} };
  const project = resolve(cwd);
  const ownFeatures = [...new Set(config.features.map(patternBase))].filter((dir) => existsSync(dir) && statSync(dir).isDirectory());
  return {
    cwd: project,
    cucumberConfig: cucumberConfigArgument(project),
    env: { [REPORTS_VARIABLE]: config.reports, [CONFIG_VARIABLE]: config.file ?? '' },
    config,
    reports: config.reports,
    featureSources: [
      ...(config.bundledSuite ? [{ dir: join(PACKAGE_ROOT, 'features'), keysRelativeTo: project }] : []),
      ...ownFeatures.map((dir) => ({ dir, keysRelativeTo: project })),
    ],
  };
}
