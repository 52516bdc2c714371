import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { parseDocument } from 'yaml';
import { parseVersion, supportsPi } from '../../../models/versions';
import { badInput } from '../../kernel/problems';
import type { CmsUserType } from '../../kernel/tokens';
import type { Protocol } from '../../kernel/vocabulary';
import schema from './fleet.schema.json';

/** How many devices of one protocol each SmartServer of a group gets. */
export type DeviceCount = number | { uniform: [number, number] } | { normal: { mean: number; sd: number } };
/** A yes/no attribute: for every SmartServer of the group, for none, or for a share of them (0 to 1). */
export type Share = boolean | number;

export interface FleetGroup {
  group?: string;
  count?: number;
  name?: string;
  installCode?: string;
  version?: string | string[] | Record<string, number>;
  pi?: Share;
  online?: Share;
  customer?: string;
  partner?: string;
  devices?: Partial<Record<Protocol, DeviceCount>>;
  users?: { username: string; userType: CmsUserType }[];
}

/** A fleet file, as fleet.schema.json describes it. */
export interface FleetDescription {
  name: string;
  description?: string;
  seed?: number | string;
  password?: string;
  smartServers: FleetGroup[];
}

/** Most SmartServers one fleet may hold. */
export const MAX_FLEET_SIZE = 100_000;

export interface FleetIssue {
  /** The field at fault, as a path: smartServers[2].devices.lon */
  field: string;
  rule: string;
}

/** A fleet file that cannot be used: every issue names its field and the rule it breaks. */
export class FleetDescriptionError extends Error {
  constructor(readonly issues: FleetIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.rule}`).join('\n'));
    this.name = 'FleetDescriptionError';
  }
}

let compiled: ValidateFunction<FleetDescription> | undefined;

/** The schema's validator, compiled on first use: most processes that load this module never check a fleet file. */
function validator(): ValidateFunction<FleetDescription> {
  if (!compiled) {
    // Loaded on first use as well: loading ajv and its formats takes a tenth of a second, which every process paid at start.
    const { default: Ajv2020 } = require('ajv/dist/2020') as typeof import('ajv/dist/2020');
    const { default: addFormats } = require('ajv-formats') as typeof import('ajv-formats');
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true });
    addFormats(ajv);
    compiled = ajv.compile<FleetDescription>(schema);
  }
  return compiled;
}

/** `/smartServers/0/devices/lon` as `smartServers[0].devices.lon`. */
function fieldOf(pointer: string, child?: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  const path = parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `${i ? '.' : ''}${p}` : `[${JSON.stringify(p)}]`)).join('');
  return path || 'fleet';
}

const describedRule = (error: ErrorObject) => {
  const description = (error.parentSchema as { description?: string } | undefined)?.description;
  return description ? `must be ${description}` : (error.message ?? 'is not valid');
};

/** ajv's errors as issues: alternatives (oneOf) are reported once, in the words of their description. */
function issuesOf(errors: readonly ErrorObject[]): FleetIssue[] {
  const alternatives = errors.filter((e) => e.keyword === 'oneOf');
  const insideAlternative = (e: ErrorObject) =>
    alternatives.some((a) => e.schemaPath.startsWith(`${a.schemaPath}/`) && e.instancePath.startsWith(a.instancePath));
  const issues: FleetIssue[] = [];
  for (const error of errors) {
    if (insideAlternative(error)) continue;
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required') issues.push({ field: fieldOf(error.instancePath, String(params.missingProperty)), rule: 'is required' });
    else if (error.keyword === 'additionalProperties') {
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      issues.push({
        field: fieldOf(error.instancePath, String(params.additionalProperty)),
        rule: `is not a field here${known.length ? `; the fields are ${known.join(', ')}` : ''}`,
      });
    } else if (error.keyword === 'oneOf' || error.keyword === 'pattern') issues.push({ field: fieldOf(error.instancePath), rule: describedRule(error) });
    else if (error.keyword === 'enum')
      issues.push({ field: fieldOf(error.instancePath), rule: `must be one of ${(params.allowedValues as unknown[]).join(', ')}` });
    else if (error.keyword === 'type' && error.instancePath === '')
      issues.push({ field: 'fleet', rule: 'must be a mapping (an object) with name and smartServers' });
    else issues.push({ field: fieldOf(error.instancePath), rule: error.message ?? 'is not valid' });
  }
  return issues.filter((issue, i) => issues.findIndex((o) => o.field === issue.field && o.rule === issue.rule) === i);
}

const versionsOf = (version: FleetGroup['version']): { text: string; field: string }[] => {
  if (version === undefined) return [{ text: '4.0', field: '' }];
  if (typeof version === 'string') return [{ text: version, field: '' }];
  if (Array.isArray(version)) return version.map((text, i) => ({ text, field: `[${i}]` }));
  return Object.keys(version).map((text) => ({ text, field: `[${JSON.stringify(text)}]` }));
};

/** What the schema cannot say: releases that exist, Pi releases, codes, ranges and the fleet size. */
function ruleIssues(fleet: FleetDescription): FleetIssue[] {
  const issues: FleetIssue[] = [];
  const fixedCodes = new Map<string, number>();
  let total = 0;
  fleet.smartServers.forEach((g, i) => {
    const at = `smartServers[${i}]`;
    const count = g.count ?? 1;
    total += count;
    const versions = versionsOf(g.version);
    for (const v of versions) {
      const parsed = parseVersion(v.text);
      if (!parsed) issues.push({ field: `${at}.version${v.field}`, rule: 'must be a SmartServer release such as 3.3, 4.0 or "3.3 Update 1"' });
      else if (g.pi !== undefined && g.pi !== false && g.pi !== 0 && !supportsPi(parsed)) {
        issues.push({
          field: `${at}.pi`,
          rule: `SmartServer Pi exists from release 4.2 on, and this group may run ${v.text}; give the Pi SmartServers their own group`,
        });
      }
    }
    if (g.installCode !== undefined) {
      if (count !== 1) issues.push({ field: `${at}.installCode`, rule: 'is for a group of one; leave it out to have install codes generated' });
      const other = fixedCodes.get(g.installCode);
      if (other !== undefined) issues.push({ field: `${at}.installCode`, rule: `repeats the install code of smartServers[${other}]` });
      fixedCodes.set(g.installCode, i);
    }
    for (const [protocol, n] of Object.entries(g.devices ?? {})) {
      if (typeof n === 'object' && 'uniform' in n && n.uniform[0] > n.uniform[1]) {
        issues.push({ field: `${at}.devices.${protocol}.uniform`, rule: 'must be [min, max] with min at most max' });
      }
    }
    const names = (g.users ?? []).map((u) => u.username);
    names.forEach((name, j) => {
      if (names.indexOf(name) !== j) issues.push({ field: `${at}.users[${j}].username`, rule: `repeats the user name ${name}` });
    });
  });
  if (total > MAX_FLEET_SIZE)
    issues.push({ field: 'smartServers', rule: `must hold at most ${MAX_FLEET_SIZE} SmartServers in all; these groups hold ${total}` });
  return issues;
}

/** Checks a parsed fleet description against fleet.schema.json and the rules beside it. */
export function checkFleetDescription(value: unknown): FleetDescription {
  const validate = validator();
  if (!validate(value)) throw new FleetDescriptionError(issuesOf(validate.errors ?? []));
  const issues = ruleIssues(value);
  if (issues.length) throw new FleetDescriptionError(issues);
  return value;
}

/** Reads the text of a fleet file: YAML, of which JSON is a part. */
export function parseFleetText(text: string, source = 'fleet file'): unknown {
  const document = parseDocument(text, { uniqueKeys: true });
  const [first] = document.errors;
  if (first) {
    const at = first.linePos?.[0];
    throw new FleetDescriptionError([
      { field: at ? `${source}:${at.line}:${at.col}` : source, rule: first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '') },
    ]);
  }
  return document.toJS();
}

export function readFleetFile(path: string): FleetDescription {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new FleetDescriptionError([{ field: path, rule: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` }]);
  }
  return checkFleetDescription(parseFleetText(text, path));
}

/** The description with a seed: the one given, or a new one, so the fleet can be made again. */
export function withSeed(fleet: FleetDescription): FleetDescription & { seed: number | string } {
  return { ...fleet, seed: fleet.seed ?? randomInt(0, 2 ** 31) };
}

/** A description refused through the API: a 400 problem naming the first field, with every issue in the detail. */
export function fleetProblem(error: FleetDescriptionError) {
  const [first, ...rest] = error.issues;
  return badInput(first.field, [first.rule, ...rest.map((i) => `${i.field}: ${i.rule}`)].join('; '));
}

/** Reads a request body as a fleet description, refusing it as a problem naming the field. */
export function requireFleetDescription(body: unknown): FleetDescription {
  try {
    return checkFleetDescription(body);
  } catch (error) {
    if (error instanceof FleetDescriptionError) throw fleetProblem(error);
    throw error;
  }
}
