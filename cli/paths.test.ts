import { expect, test } from 'vitest';
import { UsageError } from './args';
import { main } from './main';
import { pathsCommand, PATHS_HELP } from './paths';

/** `sslab paths`: its options and the mistakes it refuses before starting anything. */
test('the help names the targets, the machines and what the command writes', () => {
  for (const text of ['--target', '--url', '--machines', 'license, device, smartserver', 'generated-transitions.json', 'Gherkin']) {
    expect(PATHS_HELP).toContain(text);
  }
});

test('a target without the control plane, an unknown machine and a stray --url are usage errors', async () => {
  await expect(pathsCommand(['--target', 'real'])).rejects.toThrow(
    new UsageError('unknown target "real"; use mock or emulator (the paths need the control plane)'),
  );
  await expect(pathsCommand(['--machines', 'license,toaster'])).rejects.toThrow(/unknown machine "toaster"/);
  await expect(pathsCommand(['--url', 'http://127.0.0.1:1'])).rejects.toThrow(/--url goes with --target emulator/);
});

test('the command is listed in the CLI help and reached through main', async () => {
  const written: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => written.push(chunk) > 0) as typeof process.stdout.write;
  try {
    expect(await main(['help'])).toBe(0);
    expect(await main(['paths', '--help'])).toBe(0);
  } finally {
    process.stdout.write = write;
  }
  expect(written.join('')).toMatch(/paths +replay the paths generated from the machines/);
  expect(written.join('')).toContain('Usage: sslab paths [options]');
});
