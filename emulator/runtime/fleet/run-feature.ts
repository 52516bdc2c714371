import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** For the tests of deployed fleets: a command's outcome, and the online-activation feature run against a fleet's one URL. */

const ROOT = join(__dirname, '..', '..', '..');
const FEATURE = join('features', 'smartserver-cms', 'online_activation.feature');

export function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 110_000,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

/** `sslab ARGS` from the project root. */
export const sslab = (...args: string[]) => run(process.execPath, [join(ROOT, 'bin', 'sslab.js'), ...args]);

/**
 * Runs one feature file with the emulator profile's steps against `url`, reporting as JSON into
 * `dir`. The hooks' own report files go there too (SSLAB_REPORTS, read by reports/out-dir.ts), not
 * to reports/out/emulator, which a conformance run may be writing at the same time.
 */
export async function runFeature(url: string, dir: string): Promise<{ code: number | null; statuses: string[]; err: string }> {
  const profile = (JSON.parse(readFileSync(join(ROOT, 'cucumber.json'), 'utf8')) as Record<string, Record<string, unknown>>).emulator;
  const report = join(dir, 'cucumber.json');
  const config = join(dir, 'cucumber-config.json');
  writeFileSync(config, JSON.stringify({ default: { ...profile, paths: [FEATURE], format: [`json:${report}`], formatOptions: {} } }));
  // cucumber-js reads the configuration file relative to the working folder.
  const result = await run(process.execPath, [join(ROOT, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js'), '--config', relative(ROOT, config)], {
    SSLAB_TARGET: 'emulator',
    SSLAB_URL: url,
    SSLAB_REPORTS: join(dir, 'reports'),
  });
  const features = existsSync(report) ? (JSON.parse(readFileSync(report, 'utf8')) as { elements: { steps: { result: { status: string } }[] }[] }[]) : [];
  const statuses = features.flatMap((f) => f.elements.map((s) => (s.steps.every((step) => step.result.status === 'passed') ? 'passed' : 'failed')));
  return { code: result.code, statuses, err: `${result.out}\n${result.err}`.slice(-3000) };
}
