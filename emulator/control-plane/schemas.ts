import { arrayOf, bool, type JsonSchema, constant, date, int, nullable, object, type StaticOf, text, timestamp, withDetails } from '../api-kit/schemas';
import { MAX_CLOUD_DELAY_MS } from '../kernel/cloud-faults';

/** The control plane's shapes: the virtual clock, a SmartServer's connection, faults on the way to the cloud. */

export const ClockSchema = object('Clock', { now: timestamp('the virtual now'), today: date('the virtual date') });

const failWith = { type: ['integer', 'null'], enum: [503, 504, null] } as const;

export const FaultsSchema = object('Faults', {
  cloud: object('CloudFaults', {
    delayMs: int(0, MAX_CLOUD_DELAY_MS, 'wait before each cloud call'),
    failWith: { ...failWith, description: 'answer every cloud call with this status' },
  }),
});

/** A machine transition the emulator performed, and how often. */
export const TransitionCountSchema = object('TransitionCount', { machine: text(), from: text(), event: text(), to: text(), count: int(1) }, ['event']);
export const CoverageSchema = object(undefined, { transitions: arrayOf(TransitionCountSchema) });

export const controlBodies = {
  setClock: object(undefined, { now: withDetails(text('ISO date (2026-01-31) or timestamp'), { examples: ['2026-03-01'] }) }),
  advanceClock: object(undefined, { days: int(0, 36500) }),
  connection: object(undefined, { online: withDetails(bool(), { default: true }) }, ['online']),
  faults: object(undefined, {
    cloud: nullable(object(undefined, { delayMs: int(0, MAX_CLOUD_DELAY_MS), failWith: { ...failWith } }, ['delayMs', 'failWith'])),
  }),
};

/** A snapshot file: the header, the state (kept open here; the file format is control-plane/snapshot-file.ts) and the checksum. */
export const SnapshotSchema = object('Snapshot', {
  format: constant('sslab-snapshot'),
  version: int(1, undefined, 'snapshot format version'),
  profile: text('the vendor profiles whose state it holds'),
  name: text(),
  takenAt: timestamp('real time it was taken'),
  state: { type: 'object', description: 'tables (rows by column), clock, faults and keys' } as JsonSchema,
  checksum: text('hmac-sha256: and the hex digest of every other field'),
});

export const SnapshotSummarySchema = object('SnapshotSummary', {
  name: text(),
  takenAt: timestamp('real time it was taken'),
  version: int(1),
  profile: text(),
  now: timestamp('the virtual now it holds'),
  rows: int(0, undefined, 'table rows it holds'),
});

const snapshotName = withDetails(text('1 to 64 letters, digits, dots, dashes or underscores'), {
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
  examples: ['seeded'],
});
export const snapshotNameParams = object(undefined, { name: snapshotName });

export const snapshotBodies = {
  take: object(undefined, { name: snapshotName }, ['name']),
  load: SnapshotSchema,
};

export type Clock = StaticOf<typeof ClockSchema>;
export type Faults = StaticOf<typeof FaultsSchema>;
export type TransitionCount = StaticOf<typeof TransitionCountSchema>;
