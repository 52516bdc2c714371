import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeOptions, parseOptions, UsageError, type OptionSpec } from './args';
import type { Browser } from 'playwright-core';
import { chooseChromium, launchChromium } from '../steps/drivers/browser/chromium';
import { PRESET_NAMES } from '../steps/config/presets';
import { ConfigError, readProjectConfig } from '../steps/config/project-config';
import { type LocatorKey, type Locators, LocatorOverrideError, withLocatorOverrides } from '../steps/drivers/browser/locators';
import { AFTER_HOOK, type LocatorUsage, locatorUsage } from '../steps/drivers/browser/locator-usage';
import { DEFAULT_WAIT_MS, type Finding, type SurveyAccounts, surveyLocators } from '../steps/drivers/browser/survey';
import { seedReference, type ReferenceData } from '../steps/support/reference-data';
import { startTarget } from '../steps/support/targets';

const OPTIONS: OptionSpec[] = [
  {
    name: 'url',
    type: 'string',
    help: 'base URL of an emulator seeded with features/fixtures/real-seed.json, which the walk may change (default: start one)',
  },
  { name: 'locators', type: 'string', help: 'JSON file of locator overrides: {"<locator key>": "<words>", …} (default: the "locators" of sslab.config.json)' },
  {
    name: 'config',
    type: 'string',
    help: 'the project configuration whose "locators" to check (default: sslab.config.json in this folder, when there is one)',
  },
  {
    name: 'wait',
    type: 'number',
    help: 'milliseconds to wait for an element the walk is about to use before calling it missing; raise it for a slow portal',
    default: DEFAULT_WAIT_MS,
  },
  { name: 'json', type: 'boolean', help: 'print the findings as JSON', default: false },
  { name: 'help', type: 'boolean', help: 'show this help', default: false },
];

export const DOCTOR_HELP = `sslab doctor: check that the browser driver finds every locator on the pages

Usage: sslab doctor [options]

Walks the partner portal, customer portal and SmartServer CMS in headless Chromium as their
manuals do (logging in with the seed's accounts), looks for every entry of the locator map on the
screen it belongs to, and names the scenarios each missing one would break.

${describeOptions(OPTIONS)}

Exit status: 0 every locator found, 1 some missing or not reached, 2 bad usage or no Chromium.
Chromium: the executable SSLAB_CHROMIUM names, else /usr/bin/chromium, Playwright's own, or @sparticuz/chromium's.
`;

/** The overrides a --locators file holds, checked against the map. */
export function readLocatorOverrides(file: string | undefined): Locators {
  if (!file) return withLocatorOverrides();
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(resolve(file), 'utf8'));
  } catch (error) {
    throw new UsageError(`--locators ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`--locators ${file}: must hold one JSON object of locator key to words`);
  }
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'string') throw new UsageError(`--locators ${file}: "${key}" must be a string of words, not ${JSON.stringify(value)}`);
  }
  try {
    return withLocatorOverrides(parsed as Record<string, string>);
  } catch (error) {
    if (error instanceof LocatorOverrideError) throw new UsageError(`--locators ${file}:\n${error.message}`);
    throw error;
  }
}

/** The locator map with the project configuration's overrides. */
function configuredLocators(configFile: string | undefined): Locators {
  const config = readProjectConfig(process.cwd(), configFile, PRESET_NAMES);
  try {
    return withLocatorOverrides(config.locators);
  } catch (error) {
    if (error instanceof LocatorOverrideError) throw new ConfigError(config.file!, [`locators: ${error.message}`]);
    throw error;
  }
}

/** The seed's accounts the walk logs in with and works on. */
export function surveyAccountsOf(reference: ReferenceData): SurveyAccounts {
  const owner = reference.smartServer.users.Owner;
  if (!owner) throw new UsageError(`the seed's SmartServer ${reference.smartServer.name} has no Owner to open Manage Licenses with`);
  return {
    partner: { email: reference.partner.email, password: reference.partner.password },
    customer: { name: reference.customer.name, customerId: reference.customer.customerId },
    inventoryLicenseId: reference.licenses.inventory,
    capacityLicenseId: reference.licenses.capacity,
    smartServer: { installCode: reference.smartServer.installCode, username: owner[0], password: owner[1] },
  };
}

export interface DoctorReport {
  baseUrl: string;
  found: number;
  missing: number;
  unreached: number;
  locators: (Finding & {
    find: string;
    text: string;
    source: string;
    screen: string;
    operations?: string[];
    scenarios?: LocatorUsage['scenarios'];
  })[];
}

export function buildReport(baseUrl: string, locators: Locators, findings: Finding[], usage: LocatorUsage[] = []): DoctorReport {
  const usageOf = new Map(usage.map((u) => [u.key, u]));
  const count = (status: Finding['status']) => findings.filter((f) => f.status === status).length;
  return {
    baseUrl,
    found: count('found'),
    missing: count('missing'),
    unreached: count('unreached'),
    locators: findings.map((finding) => {
      const { find, text, source, screen } = locators[finding.key];
      const used = finding.status === 'found' ? undefined : usageOf.get(finding.key);
      return { ...finding, find, text, source, screen, ...(used ? { operations: used.operations, scenarios: used.scenarios } : {}) };
    }),
  };
}

const SURFACE_TITLES: Record<string, string> = {
  partnerPortal: 'License Partner Portal',
  customerPortal: 'License Customer Portal',
  cms: 'SmartServer CMS',
  emulator: "the emulator's own pages",
};

/** The report as a QA reader scans it: what is missing and what it breaks first, then a count per surface. */
export function renderReport(report: DoctorReport): string {
  const out: string[] = [];
  const total = report.locators.length;
  out.push(`sslab doctor: ${total} locators on ${report.baseUrl}: ${report.found} found, ${report.missing} missing, ${report.unreached} not reached`, '');
  const describe = (entry: DoctorReport['locators'][number]) => {
    out.push(`  ${entry.key}: ${entry.find} "${entry.text}" (${entry.source}), looked for on ${entry.screen}`);
    if (entry.status === 'unreached') out.push(`    not reached: the walk stopped because ${entry.blockedBy} is missing`);
    const operations = (entry.operations ?? []).map((op) => (op === AFTER_HOOK ? AFTER_HOOK : `${op}()`));
    if (operations.length > 0) out.push(`    used by: ${operations.join(', ')}`);
    const scenarios = entry.scenarios ?? [];
    out.push(`    would break ${scenarios.length} @ui scenario(s)${scenarios.length ? ':' : ''}`);
    for (const s of scenarios) out.push(`      ${s.uri}:${s.line}  ${s.name}`);
  };
  const missing = report.locators.filter((l) => l.status === 'missing');
  const unreached = report.locators.filter((l) => l.status === 'unreached');
  if (missing.length > 0) {
    out.push('MISSING');
    for (const entry of missing) describe(entry);
    out.push('');
  }
  if (unreached.length > 0) {
    out.push('NOT REACHED');
    for (const entry of unreached) describe(entry);
    out.push('');
  }
  out.push('Per surface (found / all):');
  for (const [surface, title] of Object.entries(SURFACE_TITLES)) {
    const entries = report.locators.filter((l) => l.key.startsWith(`${surface}.`));
    out.push(`  ${title.padEnd(26)} ${entries.filter((l) => l.status === 'found').length} / ${entries.length}`);
  }
  out.push('');
  if (missing.length + unreached.length > 0) {
    out.push("Fix the page, or override the entry's words for your portal or CMS release (--locators FILE; see steps/drivers/browser/readme.md).", '');
  }
  return out.join('\n');
}

async function launchOrExplain(): Promise<Browser | string> {
  try {
    return await launchChromium(chooseChromium());
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return `sslab doctor: no Chromium to drive the pages (${reason}).
Install one (apt-get install chromium), or point SSLAB_CHROMIUM at a Chromium or Chrome executable:
  SSLAB_CHROMIUM=/path/to/chromium sslab doctor
`;
  }
}

export async function doctorCommand(argv: string[]): Promise<number> {
  const options = parseOptions(argv, OPTIONS);
  if (options.help) {
    process.stdout.write(DOCTOR_HELP);
    return 0;
  }
  const waitMs = options.wait as number;
  if (!Number.isInteger(waitMs) || waitMs < 1) throw new UsageError(`--wait ${waitMs}: must be a whole number of milliseconds, at least 1`);
  const locators =
    options.locators === undefined ? configuredLocators(options.config as string | undefined) : readLocatorOverrides(options.locators as string | undefined);
  const accounts = surveyAccountsOf(seedReference());
  const browser = await launchOrExplain();
  if (typeof browser === 'string') {
    process.stderr.write(browser);
    return 2;
  }
  const url = options.url as string | undefined;
  const target = await startTarget('emulator', url).catch(async (error: unknown) => {
    await browser.close();
    throw error;
  });
  let report: DoctorReport;
  try {
    const findings = await surveyLocators(browser, target.baseUrl, locators, accounts, waitMs);
    const allFound = findings.every((f) => f.status === 'found');
    // Which scenarios a missing one breaks is read from the code only when something is missing: it takes a few seconds.
    report = buildReport(target.baseUrl, locators, findings, allFound ? [] : await locatorUsage());
  } finally {
    await browser.close();
    await target.stop();
  }
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report));
  return report.missing + report.unreached === 0 ? 0 : 1;
}

/** For tests: the keys a report lists as not found. */
export const notFound = (report: DoctorReport): LocatorKey[] => report.locators.filter((l) => l.status !== 'found').map((l) => l.key);
