import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { serveEmulator, type RunningEmulator } from '../emulator/runtime/serve';
import { spawnEmulatorProcess } from '../emulator/testing/http-test-kit';
import { snapshotCommand } from './snapshot';
import { commandOutput, scratchFolders } from './testing/command-output';

const scratch = scratchFolders('sslab-snapshot-cli-');
let running: RunningEmulator;
beforeAll(async () => {
  running = await serveEmulator({ port: 0, dataFile: ':memory:', passwordCost: 'fast' });
});
afterAll(() => running.stop());

/** Runs the command in this process and keeps what it printed. */
const run = (argv: string[]) => commandOutput(() => snapshotCommand(argv));

const clock = () => running.emulator.ctx.clock.today();

test('save writes a file only its owner can read; load puts the state back; list names what the emulator holds', async () => {
  const dir = scratch();
  const file = join(dir, 'march.json');
  running.emulator.ctx.clock.set('2026-03-01');
  const saved = await run(['save', file, '--url', running.url]);
  expect(saved).toMatchObject({ code: 0, err: '' });
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'sslab-snapshot', name: 'march' });

  running.emulator.reset();
  expect(clock()).toBe('2026-01-05');
  expect(await run(['load', file, '--url', running.url])).toMatchObject({ code: 0, err: '' });
  expect(clock()).toBe('2026-03-01');
  expect((await run(['list', '--url', running.url])).out).toMatch(/^march\s+taken/m);
});

test('a file cut short or edited is refused by name with exit code 1, and the running state stays as it was', async () => {
  const dir = scratch();
  const file = join(dir, 'whole.json');
  running.emulator.ctx.clock.set('2026-04-01');
  await run(['save', file, '--url', running.url]);
  const text = readFileSync(file, 'utf8');
  writeFileSync(join(dir, 'cut.json'), text.slice(0, 200));
  writeFileSync(join(dir, 'edited.json'), text.replace('2026-04-01', '2026-05-01'));
  running.emulator.ctx.clock.set('2026-06-01');
  const before = running.emulator.capture();

  const cut = await run(['load', join(dir, 'cut.json'), '--url', running.url]);
  expect(cut.code).toBe(1);
  expect(cut.err).toContain('cut.json: The snapshot cannot be loaded: it is not whole JSON');
  const edited = await run(['load', join(dir, 'edited.json'), '--url', running.url]);
  expect(edited.code).toBe(1);
  expect(edited.err).toContain('its checksum does not match its content');
  expect(running.emulator.capture()).toEqual(before);

  const listed = await run(['list', dir]);
  expect(listed.out).toMatch(/^whole\.json\s+taken .* virtual now 2026-04-01/m);
  expect(listed.out).toMatch(/^cut\.json\s+not loadable: .*cut short/m);
  expect(listed.out).toMatch(/^edited\.json\s+not loadable: .*checksum/m);
});

test('save and load work on a data file too, and a missing emulator or file is said plainly', async () => {
  const dir = scratch();
  running.emulator.ctx.clock.set('2026-07-01');
  await run(['save', join(dir, 'july.json'), '--url', running.url]);
  expect((await run(['load', join(dir, 'july.json'), '--data-file', join(dir, 'copy.sqlite')])).code).toBe(0);
  const fromFile = await run(['save', join(dir, 'again.json'), '--data-file', join(dir, 'copy.sqlite')]);
  expect(fromFile.code).toBe(0);
  expect(JSON.parse(readFileSync(join(dir, 'again.json'), 'utf8')).state.clock).toBe('2026-07-01T09:00:00.000Z');

  expect((await run(['load', join(dir, 'none.json'), '--url', running.url])).err).toContain(`snapshot file ${join(dir, 'none.json')} cannot be read (ENOENT)`);
  await expect(run(['save', join(dir, 'x.json'), '--url', 'http://127.0.0.1:9'])).rejects.toThrow('no emulator answers at http://127.0.0.1:9');
  await expect(run(['save', join(dir, 'bad name!.json'), '--url', running.url])).rejects.toThrow('give one with --name');
  expect((await run([])).code).toBe(2);
});

test('sslab emulator --import starts from a snapshot and --export-on-exit writes one when stopped', async () => {
  const dir = scratch();
  running.emulator.ctx.clock.set('2026-08-01');
  await run(['save', join(dir, 'august.json'), '--url', running.url]);
  const exported = join(dir, 'out', 'at-exit.json');
  const spawned = await spawnEmulatorProcess(':memory:', 60_000, ['--import', join(dir, 'august.json'), '--export-on-exit', exported]);
  const answer = await fetch(`${spawned.url}/_emulator/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"days":1}' });
  expect(((await answer.json()) as { today: string }).today).toBe('2026-08-02');
  spawned.child.kill('SIGTERM');
  expect(await spawned.exited).toBe(0);
  expect(statSync(exported).mode & 0o777).toBe(0o600);
  const file = JSON.parse(readFileSync(exported, 'utf8'));
  expect(file).toMatchObject({ name: 'at-exit', state: { clock: '2026-08-02T09:00:00.000Z' } });
  expect(file.state.keys).toEqual(running.emulator.capture().keys);
});
