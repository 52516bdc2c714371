import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { createEmulator } from '../runtime/emulator';
import { buildApp } from './app';

const ROOT = join(__dirname, '..', '..');
const REDOCLY = join(ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; message: string; location: { pointer?: string }[] }[];
}

/**
 * Redocly's CLI over documents, with the recommended rules (redocly.yaml), offline and in one run:
 * the problems found in each document, by its name.
 */
async function lint(documents: Record<string, unknown>): Promise<Record<string, string[]>> {
  const dir = mkdtempSync(join(tmpdir(), 'sslab-openapi-'));
  try {
    const files = Object.entries(documents).map(([name, document]) => {
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(document));
      return file;
    });
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
    const args = [REDOCLY, 'lint', ...files, '--config', join(ROOT, 'redocly.yaml'), '--format', 'json'];
    // The CLI exits 1 when it finds errors; its report is on stdout either way.
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 }).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
    );
    // One JSON report per file, in the order given, written one after the other.
    const reports = stdout
      .slice(stdout.indexOf('{'))
      .split(/\}\s*\{(?=\s*"totals")/)
      .map((part, i, all) => JSON.parse(`${i > 0 ? '{' : ''}${part}${i < all.length - 1 ? '}' : ''}`) as LintReport);
    const names = Object.keys(documents);
    expect(reports).toHaveLength(names.length);
    const found: Record<string, string[]> = {};
    reports.forEach((report, i) => {
      found[names[i]] = report.problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`);
    });
    return found;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function servedDocument(admin: boolean): Promise<any> {
  const emulator = createEmulator({ passwordCost: 'fast' });
  const app = buildApp(emulator, { admin });
  try {
    await app.ready();
    return (await app.inject({ url: '/openapi.json' })).json();
  } finally {
    await app.close();
    emulator.close();
  }
}

test("the API document passes Redocly's recommended rules with no error and no warning, with and without the control plane", async () => {
  // A copy with a fault the rules must catch, so a linter that checked nothing would fail here.
  const faulty = await servedDocument(false);
  faulty.paths['/partner/api/session'].post.responses = { 200: faulty.paths['/partner/api/session'].post.responses['200'] };
  const found = await lint({ full: await servedDocument(true), vendor: await servedDocument(false), faulty });
  expect(found.full).toEqual([]);
  expect(found.vendor).toEqual([]);
  expect(found.faulty.join('\n')).toContain('operation-4xx-response');
}, 60_000);
