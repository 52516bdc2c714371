import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { afterEach, expect, test } from 'vitest';
import { checkProjectConfig } from '../steps/config/project-config';
import { UsageError } from './args';
import { planInit, STARTER_CONFIG, writeAll } from './init';

const folders: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sslab-init-'));
  folders.push(dir);
  return dir;
};

afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const schema = JSON.parse(readFileSync(join(__dirname, '..', 'steps', 'config', 'sslab.config.schema.json'), 'utf8')) as object;

test('init plans the configuration, an example scenario and step, and a package.json with the scripts', () => {
  const dir = folder();
  writeAll(planInit(dir));
  expect(JSON.parse(readFileSync(join(dir, 'sslab.config.json'), 'utf8'))).toEqual(STARTER_CONFIG);
  expect(readFileSync(join(dir, 'features', 'our-customers.feature'), 'utf8')).toContain('Scenario:');
  expect(readFileSync(join(dir, 'features', 'steps', 'erp.steps.ts'), 'utf8')).toContain("import type { World } from 'sslab';");
  expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts).toEqual({ conformance: 'sslab conformance', steps: 'sslab steps' });
  // What init writes is a configuration sslab reads without complaint.
  expect(checkProjectConfig(STARTER_CONFIG, join(dir, 'sslab.config.json')).bundledSuite).toBe(true);
});

test('an existing package.json keeps what it has and gains the scripts', () => {
  const dir = folder();
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'ours', scripts: { test: 'vitest', steps: 'sslab steps' }, dependencies: { sslab: '0.1.0' } }),
  );
  writeAll(planInit(dir));
  expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).toEqual({
    name: 'ours',
    scripts: { test: 'vitest', steps: 'sslab steps', conformance: 'sslab conformance' },
    dependencies: { sslab: '0.1.0' },
  });
});

test('init refuses, naming every file and script in the way, and writes nothing unless forced', () => {
  const dir = folder();
  mkdirSync(join(dir, 'features'));
  writeFileSync(join(dir, 'features', 'our-customers.feature'), 'ours');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { conformance: 'cucumber-js' } }));
  let refusal: unknown;
  try {
    planInit(dir);
  } catch (error) {
    refusal = error;
  }
  expect(refusal).toBeInstanceOf(UsageError);
  expect((refusal as Error).message).toContain(join(dir, 'features', 'our-customers.feature'));
  expect((refusal as Error).message).toContain('the script "conformance" exists already ("cucumber-js")');
  expect(existsSync(join(dir, 'sslab.config.json'))).toBe(false);

  writeAll(planInit(dir, true));
  expect(readFileSync(join(dir, 'features', 'our-customers.feature'), 'utf8')).toContain('Feature:');
  expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts.conformance).toBe('sslab conformance');
});

test('a package.json that is not JSON is named, and nothing is written', () => {
  const dir = folder();
  writeFileSync(join(dir, 'package.json'), '{ "name": ');
  expect(() => planInit(dir)).toThrow(`${join(dir, 'package.json')} is not valid JSON`);
  expect(existsSync(join(dir, 'sslab.config.json'))).toBe(false);
});

test('the JSON Schema accepts what sslab accepts: the starter and a target placing one system elsewhere', () => {
  const validate = new Ajv({ allErrors: true }).compile(schema);
  const dir = folder();
  mkdirSync(join(dir, 'drivers'));
  writeFileSync(join(dir, 'drivers', 'partner-portal.ts'), '');
  const withTarget = {
    ...STARTER_CONFIG,
    targets: {
      staging: { systems: { vendor: { url: 'https://licensing.staging.example', admin: false } }, surfaces: { partnerPortal: './drivers/partner-portal.ts' } },
    },
    run: ['mock', 'staging'],
  };
  for (const config of [STARTER_CONFIG, withTarget]) {
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(() => checkProjectConfig(config, join(dir, 'sslab.config.json'), ['mock', 'emulator', 'real', 'browser'])).not.toThrow();
  }
  for (const wrong of [{ feature: [] }, { targets: { mock: { systems: {} } } }, { targets: { staging: { systems: { vendor: 'elsewhere' } } } }]) {
    expect(validate(wrong), JSON.stringify(wrong)).toBe(false);
    expect(() => checkProjectConfig(wrong, join(dir, 'sslab.config.json'), ['mock', 'emulator', 'real', 'browser'])).toThrow();
  }
});
