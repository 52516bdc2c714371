import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { createEmulator } from '../runtime/emulator';
import { fileLog } from '../runtime/serve';
import { buildApp } from './app';

/** A 500 says where its details are, and they are there: in the log the emulator was given. */
const dir = mkdtempSync(join(tmpdir(), 'sslab-error-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("a 500 writes its stack to the emulator's log under a reference the answer quotes, and tells the caller nothing more", async () => {
  const lines: string[] = [];
  const emulator = createEmulator({ passwordCost: 'fast' });
  const app = buildApp(emulator, { errorLog: (line) => lines.push(line) });
  app.get('/broken', async () => {
    throw new Error('disk on fire at /secret/path');
  });
  try {
    const answer = await app.inject({ method: 'GET', url: '/broken' });
    expect(answer.statusCode).toBe(500);
    const body = answer.json();
    expect(body.code).toBe('internal-error');
    expect(body.detail).not.toContain('/secret/path');
    const reference = /under reference (\S+)\.$/.exec(body.detail)?.[1];
    expect(reference).toBeTruthy();
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ reference, method: 'GET', url: '/broken', message: 'disk on fire at /secret/path' });
    expect(entry.stack).toContain('error-log.test.ts');
  } finally {
    await app.close();
    emulator.close();
  }
});

test('the log file the CLI names is appended to, readable by its owner only', () => {
  const logFile = join(dir, 'logs', 'emulator.log');
  const log = fileLog(logFile);
  log('{"first":1}');
  log('{"second":2}');
  expect(readFileSync(logFile, 'utf8')).toBe('{"first":1}\n{"second":2}\n');
  expect(statSync(logFile).mode & 0o777).toBe(0o600);
});
