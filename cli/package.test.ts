import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { listScenarios } from '../reports/scenarios';
import { installedSslab, newProject, packedInstall, run, sslab, type PackedInstall } from './testing/packed-install';

/** Every scenario the package bundles, as its own feature files hold them. */
const BUNDLED = listScenarios(join(__dirname, '..', 'features'), join(__dirname, '..')).length;

/*
 * sslab as a team installs it: the packed tarball, installed offline into an empty project outside
 * this repository, then `npx sslab init` and `npx sslab conformance` there. The install takes a
 * while the first time (see cli/testing/packed-install.ts); later tests and runs reuse it. The
 * tests after the first run the installed command without npx in front of it.
 */

const MINUTES = 60_000;
const TYPESCRIPT = join(__dirname, '..', 'node_modules', 'typescript', 'bin', 'tsc');

let install: PackedInstall;
let project: string;
const projects: string[] = [];

/** The scenarios of a cucumber JSON report, by feature file, with their worst step status. */
function scenariosByFeature(file: string): Record<string, string[]> {
  const features = JSON.parse(readFileSync(file, 'utf8')) as { uri: string; elements?: { type?: string; steps?: { result?: { status?: string } }[] }[] }[];
  const out: Record<string, string[]> = {};
  for (const feature of features) {
    for (const element of feature.elements ?? []) {
      if (element.type === 'background') continue;
      const statuses = (element.steps ?? []).map((s) => s.result?.status ?? 'undefined');
      (out[feature.uri] ??= []).push(statuses.every((s) => s === 'passed') ? 'passed' : (statuses.find((s) => s !== 'passed') ?? 'passed'));
    }
  }
  return out;
}

const fresh = (name: string) => {
  const folder = newProject(install, name);
  projects.push(folder);
  return folder;
};

beforeAll(async () => {
  install = await packedInstall();
  project = fresh('sslab-starter');
}, 20 * MINUTES);

afterAll(() => {
  for (const folder of projects) rmSync(folder, { recursive: true, force: true });
});

test('the tarball holds what runs, and no tests, benchmarks, drafts or generated reports', () => {
  const files = install.packedFiles;
  for (const needed of [
    'bin/sslab.js',
    'bin/register.js',
    'index.js',
    'types/index.d.ts',
    'cucumber.json',
    'cli/cucumber.project.cjs',
    'steps/library.js',
    'steps/config/sslab.config.schema.json',
    'features/fixtures/real-seed.json',
    'reports/requirements.md',
  ]) {
    expect(files.includes(needed) || (needed.startsWith('types/') && existsSync(join(install.installDir, 'node_modules', 'sslab', needed))), needed).toBe(true);
  }
  const unwanted = files.filter((f) => /\.test\.ts$|^bench\/|^docs\/|^reports\/out\/|^emulator\/testing\/|^cli\/testing\//.test(f));
  expect(unwanted).toEqual([]);
});

test(
  'npx sslab init, then npx sslab conformance, runs the bundled suite and the starter scenario and writes the reports in the project',
  async () => {
    const init = await sslab(project, 'init');
    expect(init.code, init.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(manifest.scripts).toEqual({ conformance: 'sslab conformance', steps: 'sslab steps' });

    // A World of the team's own: the bundled hooks and steps keep working with the subclass.
    mkdirSync(join(project, 'features', 'steps'), { recursive: true });
    writeFileSync(
      join(project, 'features', 'steps', 'world.ts'),
      `import { setWorldConstructor, Then } from '@cucumber/cucumber';
import { World } from 'sslab';

class OurWorld extends World {
  readonly erp = 'our ERP';
}
setWorldConstructor(OurWorld);

Then('the scenario runs in our own World', function (this: OurWorld) {
  if (!(this instanceof OurWorld) || this.erp !== 'our ERP') throw new Error('the World is not ours');
});
`,
    );
    writeFileSync(
      join(project, 'features', 'our-world.feature'),
      `Feature: Our World
  Scenario: A scenario sees our World and the bundled reference data
    Given the partner "Northwind" and its customer "P-Building 1" are on record
    Then the scenario runs in our own World
`,
    );

    const conformance = await sslab(project, 'conformance');
    expect(conformance.code, `${conformance.stdout}\n${conformance.stderr}`).toBe(0);

    const out = join(project, 'reports', 'out');
    for (const report of ['conformance.html', 'conformance.md', 'mock/cucumber.html', 'mock/cucumber.json', 'mock/cucumber-junit.xml', 'mock/target.json']) {
      expect(existsSync(join(out, report)), report).toBe(true);
    }
    const byFeature = scenariosByFeature(join(out, 'mock', 'cucumber.json'));
    // Here node_modules is a link to the shared install, so the bundled features' paths lead there.
    const bundled = Object.entries(byFeature).filter(([uri]) => uri.includes('node_modules/sslab/features/'));
    const bundledStatuses = bundled.flatMap(([, statuses]) => statuses);
    console.log(
      `in the installed project: ${bundledStatuses.length} bundled scenarios, ${Object.keys(byFeature).length - bundled.length} feature files of the project's own`,
    );
    expect(bundledStatuses.length).toBe(BUNDLED);
    expect(bundledStatuses.every((s) => s === 'passed')).toBe(true);
    expect(byFeature['features/our-customers.feature']).toEqual(['passed']);
    expect(byFeature['features/our-world.feature']).toEqual(['passed']);
    const junit = readFileSync(join(out, 'mock', 'cucumber-junit.xml'), 'utf8');
    expect(junit).toMatch(new RegExp(`<testsuite [^>]*tests="${BUNDLED + 2}"[^>]*failures="0"`));
    // The conformance report keys the bundled scenarios as cucumber ran them, so none shows as not run.
    expect(readFileSync(join(out, 'conformance.md'), 'utf8')).toContain(`${BUNDLED + 2} scenarios (${BUNDLED + 2} passed)`);
    expect(existsSync(join(install.installDir, 'node_modules', 'sslab', 'reports', 'out'))).toBe(false);
  },
  10 * MINUTES,
);

test(
  "sslab steps lists the project's own steps beside the bundled ones",
  async () => {
    const steps = await installedSslab(project, ['steps']);
    expect(steps.code, steps.stderr).toBe(0);
    expect(steps.stdout).toContain('features/steps/erp.steps.ts\n---');
    expect(steps.stdout).toContain('among its customers, with a Customer ID our ERP can store');
    expect(steps.stdout).toMatch(/^\S*node_modules\/sslab\/steps\/identities\.steps\.ts$/m);
    // The Markdown the command writes beside the text is what --format markdown prints.
    expect(readFileSync(join(project, 'reports', 'out', 'steps.md'), 'utf8')).toContain('## features/steps/erp.steps.ts');
    expect(existsSync(join(project, 'reports', 'out', 'steps.html'))).toBe(true);
  },
  2 * MINUTES,
);

test('init refuses to overwrite, naming each file, and writes nothing', async () => {
  const folder = fresh('sslab-init-twice');
  writeFileSync(join(folder, 'sslab.config.json'), '{}\n');
  const init = await installedSslab(folder, ['init']);
  expect(init.code).toBe(2);
  expect(init.stderr).toContain(join(folder, 'sslab.config.json'));
  expect(init.stderr).toContain('--force');
  expect(existsSync(join(folder, 'features'))).toBe(false);
  expect(readFileSync(join(folder, 'sslab.config.json'), 'utf8')).toBe('{}\n');
});

test('what is missing is said in one line, with what to install, and exit code 2', async () => {
  const folder = fresh('sslab-missing');
  const browser = await installedSslab(folder, ['conformance', '--targets', 'browser']);
  expect(browser.code).toBe(2);
  expect(browser.stderr.trim().split('\n')).toEqual([expect.stringContaining('npm install playwright-core@')]);
  const fleet = await installedSslab(folder, ['fleet', 'up', '--runtime', 'docker']);
  expect(fleet.code).toBe(2);
  expect(fleet.stderr.trim().split('\n')).toEqual([expect.stringContaining('npm install dockerode@')]);

  writeFileSync(join(folder, 'sslab.config.json'), '{ "feature": ["features/**/*.feature"] }\n');
  const config = await installedSslab(folder, ['conformance']);
  expect(config.code).toBe(2);
  expect(config.stderr).toContain(join(folder, 'sslab.config.json'));
  expect(config.stderr).toContain('"feature" is not a setting');
  expect(config.stderr).not.toMatch(/\n\s+at /);
});

test(
  "a TypeScript project gets sslab's types, and a program of its own can start the emulator",
  async () => {
    const folder = fresh('sslab-typescript');
    writeFileSync(
      join(folder, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, esModuleInterop: true, skipLibCheck: true, noEmit: true },
        files: ['check.ts', 'wrong.ts'],
      }),
    );
    writeFileSync(
      join(folder, 'check.ts'),
      `import { apiSurfaces, startEmulator, World, type PartnerPortal, type StartedEmulator } from 'sslab';

export class OurWorld extends World {
  erpCalls = 0;
}

export async function main(): Promise<void> {
  const emulator: StartedEmulator = await startEmulator();
  await emulator.controlPlane.reset();
  const portal: PartnerPortal = apiSurfaces(emulator.url).partnerPortal;
  void portal;
  await emulator.stop();
}
`,
    );
    // The types are sslab's own, not `any`: a wrong call is caught. One compiler run checks both files.
    writeFileSync(join(folder, 'wrong.ts'), `import { startEmulator } from 'sslab';\nvoid startEmulator({ port: 'eighty' });\n`);
    const typed = await run(process.execPath, [TYPESCRIPT, '-p', '.'], folder);
    const errors = typed.stdout.split('\n').filter((line) => line.includes('error TS'));
    expect(errors.length, typed.stdout).toBeGreaterThan(0);
    expect(
      errors.every((line) => line.startsWith('wrong.ts(2,') && line.includes('error TS2322')),
      typed.stdout,
    ).toBe(true);

    const started = await run(
      process.execPath,
      [
        '-e',
        "require('sslab').startEmulator().then(async (e) => { await e.controlPlane.reset(); console.log(new URL(e.url).hostname, await e.controlPlane.advanceDays(1)); await e.stop(); })",
      ],
      folder,
    );
    expect(started.code, started.stderr).toBe(0);
    expect(started.stdout.trim()).toMatch(/^127\.0\.0\.1 \d{4}-\d{2}-\d{2}$/);
  },
  3 * MINUTES,
);
