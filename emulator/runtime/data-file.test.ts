import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { captureTables } from '../kernel/state';
import { createEmulator } from './emulator';
import { journalFiles, openDatabase } from './sqlite';

/** A data file holds the emulator's secrets: on a shared machine no other user may read it. */
const dir = mkdtempSync(join(tmpdir(), 'sslab-data-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const modeOf = (file: string) => statSync(file).mode & 0o777;

test('a new data file and its -wal and -shm files are readable by their owner only', () => {
  const file = join(dir, 'new.sqlite');
  const emulator = createEmulator({ dataFile: file, passwordCost: 'fast' });
  try {
    emulator.ctx.clock.advance(1);
    for (const part of journalFiles(file)) expect(modeOf(part), part).toBe(0o600);
  } finally {
    emulator.close();
  }
});

test('a data file open to others is tightened to 0600 with a warning that names it', () => {
  const file = join(dir, 'wide.sqlite');
  writeFileSync(file, '');
  chmodSync(file, 0o644);
  const warnings: string[] = [];
  const db = openDatabase(file, [], { warn: (message) => warnings.push(message) });
  db.close();
  expect(modeOf(file)).toBe(0o600);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain(file);
  expect(warnings[0]).toContain('0644');
});

test('no snapshot carries the secrets or what ended sessions, and a reset keeps them', () => {
  const emulator = createEmulator({ passwordCost: 'fast' });
  try {
    emulator.ctx.tokens.endSessions();
    emulator.ctx.db.prepare("INSERT INTO secrets (key, value) VALUES ('probe', 'x')").run();
    const tables = captureTables(emulator.ctx.db).map((t) => t.table);
    for (const table of ['secrets', 'session_epochs', 'session_revocations']) expect(tables).not.toContain(table);
    emulator.reset();
    expect(emulator.ctx.db.prepare("SELECT value FROM secrets WHERE key = 'probe'").get()).toEqual({ value: 'x' });
    expect(emulator.ctx.db.prepare("SELECT epoch FROM session_epochs WHERE scope = 'all'").get()).toEqual({ epoch: 2 });
  } finally {
    emulator.close();
  }
});
