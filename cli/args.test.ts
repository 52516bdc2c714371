import { expect, test } from 'vitest';
import { describeOptions, parseOptions, UsageError, type OptionSpec } from './args';
import { EMULATOR_HELP } from './emulator';

const SPECS: OptionSpec[] = [
  { name: 'port', type: 'number', help: 'port', default: 8080 },
  { name: 'data-file', type: 'string', help: 'file' },
  { name: 'admin', type: 'boolean', help: 'admin API', default: true },
  { name: 'quiet', type: 'boolean', help: 'quiet', default: false },
];

test('defaults stand when nothing is given', () => {
  expect(parseOptions([], SPECS)).toEqual({ port: 8080, 'data-file': undefined, admin: true, quiet: false });
});

test('values come as "--name value" or "--name=value", and numbers are read as numbers', () => {
  expect(parseOptions(['--port', '0', '--data-file', '/tmp/x.sqlite'], SPECS)).toMatchObject({ port: 0, 'data-file': '/tmp/x.sqlite' });
  expect(parseOptions(['--port=9090', '--data-file=:memory:'], SPECS)).toMatchObject({ port: 9090, 'data-file': ':memory:' });
});

test('an inline value keeps everything after the first "=", and may be empty', () => {
  expect(parseOptions(['--data-file=a=b=c'], SPECS)['data-file']).toBe('a=b=c');
  expect(parseOptions(['--data-file='], SPECS)['data-file']).toBe('');
});

test('booleans are switched on by "--flag" and off by "--no-flag"; the last one wins', () => {
  expect(parseOptions(['--quiet', '--no-admin'], SPECS)).toMatchObject({ quiet: true, admin: false });
  expect(parseOptions(['--no-admin', '--admin'], SPECS).admin).toBe(true);
});

test('unknown options, stray arguments, missing values and non-numbers are usage errors that say what is wrong', () => {
  expect(() => parseOptions(['--colour'], SPECS)).toThrow(new UsageError('unknown option --colour; see --help'));
  expect(() => parseOptions(['emulator'], SPECS)).toThrow(/unexpected argument "emulator"/);
  expect(() => parseOptions(['--port'], SPECS)).toThrow(/--port needs a value/);
  expect(() => parseOptions(['--port', 'eighty'], SPECS)).toThrow(/--port must be a number, not "eighty"/);
  // "--no-" only negates booleans: for a string option it is simply unknown.
  expect(() => parseOptions(['--no-data-file'], SPECS)).toThrow(/unknown option --no-data-file/);
  expect(() => parseOptions(['-p', '80'], SPECS)).toThrow(UsageError);
});

test('the option list shows each flag with its kind, the negation of booleans that default on, and the default', () => {
  const text = describeOptions(SPECS);
  expect(text).toMatch(/--port <number>\s+port \(default: 8080\)/);
  expect(text).toMatch(/--data-file <string>\s+file$/m);
  expect(text).toMatch(/--admin \/ --no-admin\s+admin API \(default: true\)/);
  expect(text).toMatch(/--quiet\s+quiet \(default: false\)/);
});

test('the emulator help names its options and where the API document and docs page are served', () => {
  for (const option of ['--port', '--data-file', '--no-admin', '--quiet']) expect(EMULATOR_HELP).toContain(option);
  expect(EMULATOR_HELP).toContain('/openapi.json');
  expect(EMULATOR_HELP).toContain('/docs');
});
