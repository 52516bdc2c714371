import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { UsageError } from './args';
import { fleetCommand } from './fleet';
import { commandOutput, scratchFolders } from './testing/command-output';

const ROOT = join(__dirname, '..');
const CAMPUS = join(ROOT, 'emulator', 'control-plane', 'fleets', 'examples', 'campus.yaml');
const scratch = scratchFolders('sslab-fleet-cli-');

/** Runs the command in this process and keeps what it printed. */
const capture = (argv: string[]) => commandOutput(() => fleetCommand(argv));

test('a bad fleet file is refused with the field path and rule of each issue and exit code 2, never a stack trace', () => {
  const dir = scratch();
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, 'name: lab\nsmartServers:\n  - count: 0\n    devices: { lon: -4 }\n');
  const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'sslab.js'), 'fleet', 'create', file, '--data-file', join(dir, 'x.sqlite')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('sslab fleet: the fleet cannot be used:');
  expect(run.stderr).toContain('  smartServers[0].count: must be >= 1');
  expect(run.stderr).toMatch(/ {2}smartServers\[0\]\.devices\.lon: must be a whole number of devices/);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stdout).toBe('');
});

test('create, list, show and remove work on a data file; creating reports progress a tenth at a time', async () => {
  const dataFile = join(scratch(), 'fleet.sqlite');
  const created = await capture(['create', CAMPUS, '--data-file', dataFile]);
  expect(created.code).toBe(0);
  expect(created.err.split('\n').filter((l) => /^\s+\d+%: \d+ of 21 SmartServers$/.test(l))).toHaveLength(10);
  expect(created.out).toContain('fleet campus: Library, laboratories and halls of residence of one campus');
  expect(created.out).toMatch(/CMS password +Campus-Fleet-2026!/);
  expect(created.out).toMatch(/SmartServers +21 \(6 Pi, \d+ online\)/);
  expect(created.out).toContain('group library: 4 SmartServers, customer P-Building 1 (unknown here: no Customer ID saved)');

  expect((await capture(['list', '--data-file', dataFile])).out).toMatch(/^campus +21 SmartServers +\d+ devices {2}seed 2026$/m);
  const shown = await capture(['show', 'campus', '--data-file', dataFile, '--members', '--json']);
  expect(JSON.parse(shown.out)).toMatchObject({
    name: 'campus',
    smartServers: 21,
    members: expect.arrayContaining([expect.objectContaining({ installCode: '17qcamp', group: 'plant' })]),
  });

  const page = await capture(['show', 'campus', '--data-file', dataFile, '--members', '--from', '5', '--limit', '3']);
  expect(page.out).toContain('  SmartServers 6 to 8 of 21 (next: --members --from 8)\n');
  expect(page.out.split('\n').filter((l) => /^ {2}17q[0-9a-z]{4} {2}\S+$/.test(l))).toHaveLength(3);
  expect((await capture(['show', 'campus', '--data-file', dataFile, '--members', '--from', '18'])).out).toContain('SmartServers 19 to 21 of 21\n');
  await expect(fleetCommand(['show', 'campus', '--data-file', dataFile, '--members', '--limit', '0'])).rejects.toThrow(
    /--limit must be a whole number from 1 to 1000/,
  );

  const again = await capture(['create', CAMPUS, '--data-file', dataFile]);
  expect(again.code).toBe(1);
  expect(again.err).toContain('sslab fleet create: A fleet named campus exists already');
  expect((await capture(['remove', 'campus', '--data-file', dataFile])).out).toBe('removed fleet campus and its 21 SmartServers\n');
  expect((await capture(['show', 'campus', '--data-file', dataFile])).err).toContain('No fleet campus is known here.');
});

test('usage mistakes name what is missing', async () => {
  await expect(fleetCommand(['create'])).rejects.toThrow(new UsageError('fleet create needs a fleet file: sslab fleet create <file>'));
  await expect(fleetCommand(['launch'])).rejects.toThrow(/unknown subcommand "launch"/);
  await expect(fleetCommand(['up', '--shards', '0', '--runtime', 'process'])).rejects.toThrow(/--shards must be a whole number from 1 to 64/);
  await expect(fleetCommand(['up', '--runtime', 'vm'])).rejects.toThrow(/--runtime must be docker or process/);
});
