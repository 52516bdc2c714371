import { join } from 'node:path';
import { loadConfiguration, loadSupport } from '@cucumber/cucumber/api';
import { expect, test } from 'vitest';

const ROOT = join(__dirname, '..');
const LIBRARY = join(__dirname, 'library.js');

test("the step library loads every bundled step file and the World, as the default profile's list does", async () => {
  const environment = { cwd: ROOT };
  const { runConfiguration } = await loadConfiguration({ file: false, provided: { require: [LIBRARY], paths: [] } }, environment);
  const support = (await loadSupport(runConfiguration, environment)) as unknown as { stepDefinitions: { uri: string }[]; World: { name: string } };
  const { SUPPORT_FILES } = require(LIBRARY) as { SUPPORT_FILES: string[] };
  const stepFiles = SUPPORT_FILES.filter((file) => file.endsWith('.steps.ts')).map((file) => file.slice(ROOT.length + 1));
  const defining = new Set(support.stepDefinitions.map((d) => d.uri));
  expect(stepFiles.length).toBeGreaterThan(10);
  expect(stepFiles.filter((file) => !defining.has(file))).toEqual([]);
  expect(support.World.name).toBe('World');
});
