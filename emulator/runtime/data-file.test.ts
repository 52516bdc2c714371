import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { snapshotRows } from '../control-plane/seed';
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

test('the secrets live apart from the records: no snapshot carries them, a reset keeps them', () => {
  const emulator = createEmulator({ passwordCost: 'fast' });
  try {
    const tables = snapshotRows(emulator.ctx.db).map((t) => t.table);
    expect(tables).not.toContain('secrets');
    expect(tables).not.toContain('meta');
    const secretsBefore = emulator.ctx.db.prepare('SELECT key, value FROM secrets ORDER BY key').all();
    expect(secretsBefore.map((row) => (row as { key: string }).key)).toEqual(['signing-key', 'token-secret']);
    emulator.reset();
    expect(emulator.ctx.db.prepare('SELECT key, value FROM secrets ORDER BY key').all()).toEqual(secretsBefore);
  } finally {
    emulator.close();
  }
});

test('a data file that kept its secrets in the meta table keeps its tokens: the secrets move to their own table', () => {
  const file = join(dir, 'legacy.sqlite');
  const first = createEmulator({ dataFile: file, passwordCost: 'fast' });
  const token = first.ctx.tokens.issue({ kind: 'partner', partnerId: 'p-1' }).token;
  first.close();
  // As older releases wrote it: the secrets in meta.
  const raw = new Database(file);
  raw.exec('INSERT INTO meta (key, value) SELECT key, value FROM secrets; DELETE FROM secrets;');
  raw.close();
  const second = createEmulator({ dataFile: file, passwordCost: 'fast' });
  try {
    expect(second.ctx.tokens.verify(token)).toEqual({ kind: 'partner', partnerId: 'p-1' });
    expect(second.ctx.db.prepare("SELECT count(*) AS n FROM meta WHERE key IN ('token-secret', 'signing-key')").get()).toEqual({ n: 0 });
  } finally {
    second.close();
  }
});
