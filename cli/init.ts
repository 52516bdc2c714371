import { existsSync, readFileSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describeOptions, parseOptions, UsageError, type OptionSpec } from './args';
import { CONFIG_FILE } from '../steps/config/project-config';

/** `sslab init`: a starter project in the current folder, run with `npm run conformance`. */
const OPTIONS: OptionSpec[] = [
  { name: 'force', type: 'boolean', help: 'replace files (and npm scripts) that exist already', default: false },
  { name: 'help', type: 'boolean', help: 'show this help', default: false },
];

export const INIT_HELP = `sslab init: write a starter project into the current folder

Usage: sslab init [options]

${describeOptions(OPTIONS)}

Writes ${CONFIG_FILE} (your features and steps beside the bundled suite, reports in
reports/out), an example scenario in features/, an example step definition of your own in
features/steps/, and the npm scripts "conformance" and "steps" in package.json (created when
there is none). Nothing is written when any of these exist already, unless --force.
Then: npm run conformance
`;

/** Where the JSON Schema of the configuration is, seen from a project that installed sslab. */
export const SCHEMA_REFERENCE = './node_modules/sslab/steps/config/sslab.config.schema.json';

export const STARTER_CONFIG = {
  $schema: SCHEMA_REFERENCE,
  features: ['features/**/*.feature'],
  steps: ['features/steps/**/*.ts'],
  bundledSuite: true,
  reports: 'reports/out',
};

export const STARTER_SCRIPTS: Record<string, string> = { conformance: 'sslab conformance', steps: 'sslab steps' };

const STARTER_FEATURE = `Feature: Our customers' accounts
  Our ERP keeps every customer account a partner opens. The first steps are sslab's own (run
  "npm run steps" to list them all); the last one is ours, in features/steps/erp.steps.ts.

  @backoffice
  Scenario: A customer account a partner opens can be kept in our ERP
    Given partner "ACE Controls" has ordered on PO "PO-2026-0901":
      | model    | quantity |
      | 72220-50 | 1        |
    When "ACE Controls" transfers its 72220-50 license to the new customer "P-Site 9"
    Then "ACE Controls" sees "P-Site 9" among its customers, with a Customer ID our ERP can store
`;

const STARTER_STEPS = `import assert from 'node:assert/strict';
import { Then } from '@cucumber/cucumber';
import type { World } from 'sslab';

/** Our ERP keeps a customer's reference in a field of 36 characters. */
const ERP_REFERENCE_LENGTH = 36;

Then(
  '{string} sees {string} among its customers, with a Customer ID our ERP can store',
  async function (this: World, partner: string, customer: string) {
    const session = await this.partnerSession(partner);
    const accounts = await this.partnerPortal.customers(session);
    assert.ok(
      accounts.some((account) => account.name === this.customerName(customer)),
      \`\${partner} has no customer account "\${customer}"\`,
    );
    assert.equal(this.customerId(customer).length, ERP_REFERENCE_LENGTH);
  },
);
`;

interface PlannedFile {
  path: string;
  text: string;
}

/** package.json with the starter scripts added; a script of the same name with another command is a conflict unless forced. */
function plannedPackageJson(folder: string, force: boolean, conflicts: string[]): PlannedFile {
  const path = join(folder, 'package.json');
  let manifest: Record<string, unknown> = { name: folderName(folder), private: true };
  if (existsSync(path)) {
    try {
      manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new UsageError(`${path} is not valid JSON (${(error as Error).message}); correct it, then run "sslab init" again`);
    }
  }
  const scripts = { ...((manifest.scripts as Record<string, string> | undefined) ?? {}) };
  for (const [name, command] of Object.entries(STARTER_SCRIPTS)) {
    if (scripts[name] !== undefined && scripts[name] !== command && !force) {
      conflicts.push(`${path}: the script "${name}" exists already ("${scripts[name]}")`);
    }
    scripts[name] = command;
  }
  return { path, text: `${JSON.stringify({ ...manifest, scripts }, null, 2)}\n` };
}

/** An npm package name from the folder's name, for a package.json init creates. */
function folderName(folder: string): string {
  return (
    folder
      .split(/[\\/]/)
      .pop()!
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'sslab-project'
  );
}

/** Every file init writes in `folder`; throws, naming each file in the way, when one exists and `force` is off. */
export function planInit(folder: string, force = false): PlannedFile[] {
  const conflicts: string[] = [];
  const files: PlannedFile[] = [
    { path: join(folder, CONFIG_FILE), text: `${JSON.stringify(STARTER_CONFIG, null, 2)}\n` },
    { path: join(folder, 'features', 'our-customers.feature'), text: STARTER_FEATURE },
    { path: join(folder, 'features', 'steps', 'erp.steps.ts'), text: STARTER_STEPS },
  ];
  if (!force) for (const file of files) if (existsSync(file.path)) conflicts.push(`${file.path} exists already`);
  files.push(plannedPackageJson(folder, force, conflicts));
  if (conflicts.length > 0) {
    throw new UsageError(`nothing was written:\n${conflicts.map((c) => `  - ${c}`).join('\n')}\nRun "sslab init --force" to replace them.`);
  }
  return files;
}

/** Writes every planned file or none: each goes to a file beside it first, and all are renamed into place once every one is written. */
export function writeAll(files: PlannedFile[]): void {
  const aside = (path: string) => `${path}.sslab-init`;
  try {
    for (const file of files) {
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(aside(file.path), file.text);
    }
  } catch (error) {
    for (const file of files) rmSync(aside(file.path), { force: true });
    throw new UsageError(`nothing was written: ${(error as Error).message}`);
  }
  for (const file of files) renameSync(aside(file.path), file.path);
}

export function initCommand(argv: string[]): number {
  const options = parseOptions(argv, OPTIONS);
  if (options.help) {
    process.stdout.write(INIT_HELP);
    return 0;
  }
  const folder = process.cwd();
  const files = planInit(folder, Boolean(options.force));
  writeAll(files);
  for (const file of files) console.log(`wrote ${relative(folder, file.path)}`);
  console.log('\nNext: npm run conformance   (the bundled suite and your scenario; reports in reports/out)');
  return 0;
}
