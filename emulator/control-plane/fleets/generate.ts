import { formatVersion, parseVersion } from '../../../models/versions';
import { PROTOCOLS, type Protocol } from '../../kernel/vocabulary';
import type { CmsUserType } from '../../kernel/tokens';
import type { DeviceCount, FleetDescription, FleetGroup, Share } from './description';

/**
 * Turns a fleet description into the SmartServers it stands for. The seed decides everything, so
 * the portal-and-cloud process and each shard process, given the same description, agree on every
 * SmartServer without talking to each other. Two seeded streams keep the parts independent:
 * install codes (which may be handed in instead of drawn) and the SmartServers' attributes. The
 * fleet password is not drawn from the seed (anyone with the fleet file could work it out): it is
 * given in the description or handed in (see service.ts).
 */

/** Install codes are 7 lowercase letters and digits; every one observed starts with 17q. */
const INSTALL_CODE_PREFIX = '17q';
const INSTALL_CODE_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
/** Segment controller IDs as the CMS shows them (scId "Ab93fcpn"): 8 letters and digits, mixed case, no look-alikes. */
const SC_ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const MAX_DEVICES = 100_000;

export const DEFAULT_USERS: { username: string; userType: CmsUserType }[] = [{ username: 'owner', userType: 'Owner' }];

export interface PlannedGroup {
  label: string;
  count: number;
  customer?: string;
  partner?: string;
  users: { username: string; userType: CmsUserType }[];
}

export interface PlannedSmartServer {
  /** Place in the fleet, from 0; shard `i` of `n` serves the SmartServers whose position modulo n is i. */
  position: number;
  group: number;
  installCode: string;
  segmentControllerId: string;
  name: string;
  version: string;
  edition: 'standard' | 'pi';
  online: boolean;
  devices: Record<Protocol, number>;
}

export interface FleetTotals {
  smartServers: number;
  pi: number;
  online: number;
  devices: Record<Protocol, number> & { total: number };
}

export interface FleetPlan {
  name: string;
  seed: number | string;
  /** The password of every CMS user; undefined when neither the description nor the caller gave one. */
  password?: string;
  groups: PlannedGroup[];
  /** Every install code of the fleet, by position. */
  installCodes: string[];
  /** The SmartServers asked for (all of them unless `keep` chose some). */
  smartServers: PlannedSmartServer[];
  totals: FleetTotals;
}

export interface PlanOptions {
  /** Install codes already in use, which generated ones must avoid. */
  taken?: (installCode: string) => boolean;
  /** Install codes decided elsewhere (by position), used instead of drawing them. */
  installCodes?: readonly string[];
  /** Which positions to spell out; totals always cover the whole fleet. */
  keep?: (position: number) => boolean;
  /** The password when the description gives none; never drawn from the seed, which the fleet file shows. */
  password?: string;
}

function seedNumber(seed: number | string): number {
  if (typeof seed === 'number') return seed >>> 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A seeded stream of draws. It reads faker's Mersenne Twister directly and gives exactly what
 * faker.number.int, faker.number.float and faker.string.fromCharacters give for the same seed (a
 * fleet file makes the same fleet as before), without the option objects and arrays faker builds
 * for each call: a fleet of a hundred thousand SmartServers takes millions of draws.
 */
export class Draws {
  constructor(private readonly random: { next(): number }) {}

  /** A whole number from `min` to `max`; like faker, no draw is taken when there is one choice. */
  int(min: number, max: number): number {
    return min === max ? min : Math.floor(this.random.next() * (max - min + 1) + min);
  }

  float(min: number, max: number): number {
    return this.random.next() * (max - min) + min;
  }

  chars(alphabet: string, length: number): string {
    let text = '';
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(this.random.next() * alphabet.length)];
    return text;
  }
}

/** The draws seeded with these numbers. */
export function seededDraws(seed: number[]): Draws {
  // faker's index loads every locale (a quarter of a second): only fleet generation pays for it.
  const { generateMersenne53Randomizer } = require('@faker-js/faker') as typeof import('@faker-js/faker');
  const random = generateMersenne53Randomizer();
  random.seed(seed);
  return new Draws(random);
}

const stream = (seed: number | string, purpose: number): Draws => seededDraws([seedNumber(seed), purpose]);

const groupLabel = (g: FleetGroup, i: number) => g.group ?? `group-${i + 1}`;

function pickVersion(draws: Draws, version: FleetGroup['version']): string {
  if (version === undefined) return '4.0';
  if (typeof version === 'string') return version;
  if (Array.isArray(version)) return version.length === 1 ? version[0] : version[draws.int(0, version.length - 1)];
  const entries = Object.entries(version);
  if (entries.length === 1) return entries[0][0];
  let roll = draws.float(
    0,
    entries.reduce((sum, [, w]) => sum + w, 0),
  );
  for (const [text, weight] of entries) {
    if (roll < weight) return text;
    roll -= weight;
  }
  return entries[entries.length - 1][0];
}

/**
 * Which members of a group of `count` have the attribute: all, none, or for a share exactly
 * round(share × count) of them, chosen by the seed. Drawing each member on its own would let a
 * small group stray far from its share (ten labs at 0.8 all online one time in nine).
 */
export function membersWith(draws: Draws, share: Share | undefined, fallback: boolean, count: number): boolean[] {
  const value = share ?? fallback;
  if (typeof value === 'boolean') return new Array<boolean>(count).fill(value);
  if (value <= 0 || value >= 1) return new Array<boolean>(count).fill(value >= 1);
  const members = Int32Array.from({ length: count }, (_, i) => i);
  const chosen = Math.round(value * count);
  // The first `chosen` places of a seeded partial Fisher-Yates shuffle.
  for (let i = 0; i < chosen; i++) {
    const j = draws.int(i, count - 1);
    const swap = members[i];
    members[i] = members[j];
    members[j] = swap;
  }
  const result = new Array<boolean>(count).fill(false);
  for (let i = 0; i < chosen; i++) result[members[i]] = true;
  return result;
}

/** A count drawn from its distribution, rounded and kept between 0 and 100,000. */
export function drawCount(draws: Draws, count: DeviceCount | undefined): number {
  if (count === undefined) return 0;
  if (typeof count === 'number') return count;
  let value: number;
  if ('uniform' in count) value = draws.int(count.uniform[0], count.uniform[1]);
  else {
    // Box-Muller: two uniform draws give one normally distributed value.
    const u = 1 - draws.float(0, 1);
    const v = draws.float(0, 1);
    value = count.normal.mean + count.normal.sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  return Math.min(MAX_DEVICES, Math.max(0, Math.round(value)));
}

function render(template: string, values: { code: string; n: number; group: string }): string {
  return template.replace(/\{(code|n|group)\}/g, (_, key: 'code' | 'n' | 'group') => String(values[key]));
}

/** A password a person can type back: four groups of four readable characters, from 16 random (or secret-derived) bytes. */
export function readablePassword(bytes: Uint8Array): string {
  const chars = [...bytes.slice(0, 16)].map((b) => PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length]).join('');
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4)).join('-');
}

function drawInstallCodes(fleet: FleetDescription & { seed: number | string }, taken: (code: string) => boolean): string[] {
  const draws = stream(fleet.seed, 1);
  const fixed = new Set(fleet.smartServers.flatMap((g) => (g.installCode ? [g.installCode] : [])));
  const used = new Set<string>();
  const codes: string[] = [];
  for (const g of fleet.smartServers) {
    for (let n = 0; n < (g.count ?? 1); n++) {
      let code = g.installCode;
      while (!code || used.has(code) || (!g.installCode && (fixed.has(code) || taken(code)))) {
        code = `${INSTALL_CODE_PREFIX}${draws.chars(INSTALL_CODE_ALPHABET, 7 - INSTALL_CODE_PREFIX.length)}`;
      }
      used.add(code);
      codes.push(code);
    }
  }
  return codes;
}

/** Spells out the SmartServers of a seeded fleet description. */
export function planFleet(fleet: FleetDescription & { seed: number | string }, options: PlanOptions = {}): FleetPlan {
  const installCodes = options.installCodes ? [...options.installCodes] : drawInstallCodes(fleet, options.taken ?? (() => false));
  const size = fleet.smartServers.reduce((sum, g) => sum + (g.count ?? 1), 0);
  if (installCodes.length !== size) throw new Error(`the fleet has ${size} SmartServers but ${installCodes.length} install codes were given`);
  const draws = stream(fleet.seed, 2);
  const keep = options.keep ?? (() => true);
  const totals: FleetTotals = { smartServers: size, pi: 0, online: 0, devices: { lon: 0, bacnet: 0, modbus: 0, total: 0 } };
  const smartServers: PlannedSmartServer[] = [];
  const scIds = new Set<string>();
  const groups: PlannedGroup[] = fleet.smartServers.map((g, i) => ({
    label: groupLabel(g, i),
    count: g.count ?? 1,
    customer: g.customer,
    partner: g.partner,
    users: g.users ?? DEFAULT_USERS,
  }));
  // A release as the fleet file writes it, in the form the SmartServer reports: worked out once per text.
  const releases = new Map<string, string>();
  const releaseOf = (text: string) => {
    let release = releases.get(text);
    if (release === undefined) releases.set(text, (release = formatVersion(parseVersion(text)!)));
    return release;
  };
  let position = 0;
  fleet.smartServers.forEach((g, group) => {
    // A stream of its own per group and attribute, so a share never shifts the other draws.
    const pis = membersWith(stream(fleet.seed, 4 + 2 * group), g.pi, false, g.count ?? 1);
    const onlines = membersWith(stream(fleet.seed, 5 + 2 * group), g.online, true, g.count ?? 1);
    for (let n = 1; n <= (g.count ?? 1); n++, position++) {
      let segmentControllerId: string;
      do segmentControllerId = draws.chars(SC_ID_ALPHABET, 8);
      while (scIds.has(segmentControllerId));
      scIds.add(segmentControllerId);
      const version = releaseOf(pickVersion(draws, g.version));
      const pi = pis[n - 1];
      const online = onlines[n - 1];
      // In PROTOCOLS order, as the draws are taken.
      const devices = { lon: drawCount(draws, g.devices?.lon), bacnet: drawCount(draws, g.devices?.bacnet), modbus: drawCount(draws, g.devices?.modbus) };
      totals.pi += pi ? 1 : 0;
      totals.online += online ? 1 : 0;
      totals.devices.lon += devices.lon;
      totals.devices.bacnet += devices.bacnet;
      totals.devices.modbus += devices.modbus;
      if (!keep(position)) continue;
      const installCode = installCodes[position];
      smartServers.push({
        position,
        group,
        installCode,
        segmentControllerId,
        name: g.name === undefined ? `smartserver-${installCode}` : render(g.name, { code: installCode, n, group: groups[group].label }),
        version,
        edition: pi ? 'pi' : 'standard',
        online,
        devices,
      });
    }
  });
  totals.devices.total = PROTOCOLS.reduce((sum, p) => sum + totals.devices[p], 0);
  return { name: fleet.name, seed: fleet.seed, password: fleet.password ?? options.password, groups, installCodes, smartServers, totals };
}
