import { fromBase64, toBase64, toHex, utf8 } from '../kernel/encoding';
import type { CryptoPort } from '../kernel/ports';
import { Problem } from '../kernel/problems';
import type { ProblemCode } from '../kernel/problem-catalogue';
import type { EmulatorState, TableRows } from '../kernel/state';

/**
 * A snapshot file: the emulator's whole state (kernel/state.ts) with a header saying what it is,
 * which format version wrote it, which vendor profile's state it holds, and a checksum over all of
 * it, so a file that was cut short or edited is refused before anything is changed. It holds the
 * keys the emulator signs with, so it is written readable by its owner only.
 */
export const SNAPSHOT_FORMAT = 'sslab-snapshot';
export const SNAPSHOT_VERSION = 1;
/** The vendor profiles this emulator's state covers: the EnOcean SmartServer services and Schneider's EcoStruxure. */
export const VENDOR_PROFILE = 'enocean-smartserver+schneider-ecostruxure';

/** A table cell that is bytes (a BLOB), as JSON. */
interface EncodedBytes {
  base64: string;
}

export interface SnapshotDocument {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  profile: string;
  name: string;
  /** Real time the snapshot was taken (the virtual clock is in the state). */
  takenAt: string;
  state: EmulatorState;
  /** `hmac-sha256:` and the hex digest of the document without this field. */
  checksum: string;
}

/** What is said about a snapshot without its state: for lists. */
export interface SnapshotSummary {
  name: string;
  takenAt: string;
  version: number;
  profile: string;
  now: string;
  rows: number;
}

/** Snapshot names: a letter or digit, then up to 63 of letters, digits, dot, dash and underscore. */
export const SNAPSHOT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

// A fixed key: the digest guards against damage and hand edits, not against someone who means to forge a file.
const CHECKSUM_KEY = utf8('sslab snapshot checksum');

function encodeCell(value: unknown): unknown {
  return value instanceof Uint8Array ? ({ base64: toBase64(value) } satisfies EncodedBytes) : value;
}

function decodeCell(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as EncodedBytes).base64 === 'string') return fromBase64((value as EncodedBytes).base64);
  return value;
}

/** The text the checksum is computed over: every field but the checksum, in a fixed order. */
function checksummedText(document: Omit<SnapshotDocument, 'checksum'>): string {
  const { format, version, profile, name, takenAt, state } = document;
  return JSON.stringify({ format, version, profile, name, takenAt, state });
}

/** The checksum a document's other fields give. */
export const checksumOf = (crypto: CryptoPort, document: Omit<SnapshotDocument, 'checksum'>) =>
  `hmac-sha256:${toHex(crypto.hmacSha256(CHECKSUM_KEY, checksummedText(document)))}`;

/** The file's text for `state`: one JSON document, BLOBs in base64, with its checksum. */
export function snapshotText(crypto: CryptoPort, name: string, state: EmulatorState, takenAt = new Date().toISOString()): string {
  const encoded: EmulatorState = { ...state, tables: state.tables.map((t) => ({ ...t, rows: t.rows.map((row) => row.map(encodeCell)) })) };
  const body = { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, profile: VENDOR_PROFILE, name, takenAt, state: encoded } as const;
  return `${JSON.stringify({ ...body, checksum: checksumOf(crypto, body) })}\n`;
}

const refused = (code: ProblemCode, why: string) => new Problem(422, code, `The snapshot cannot be loaded: ${why}. Nothing was changed.`);

/** Reads a snapshot file's text; text that is not whole JSON is refused as cut short or damaged. */
export function parseSnapshotText(crypto: CryptoPort, text: string): SnapshotDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const why = text.trim() === '' ? 'the file is empty' : `it is not whole JSON (${(error as Error).message}); the file was cut short or damaged`;
    throw refused('snapshot-unreadable', why);
  }
  return readSnapshot(crypto, raw);
}

/**
 * Checks a snapshot document: its format, its version, its checksum, its vendor profile and the
 * shape of its state, in that order, each refusal naming the problem. Checks nothing against the
 * tables of a particular emulator (Emulator.restore does).
 */
export function readSnapshot(crypto: CryptoPort, raw: unknown): SnapshotDocument {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || (raw as { format?: unknown }).format !== SNAPSHOT_FORMAT) {
    throw refused('not-a-snapshot', `it is not an sslab snapshot (a JSON object with "format": "${SNAPSHOT_FORMAT}")`);
  }
  const document = raw as SnapshotDocument;
  if (document.version !== SNAPSHOT_VERSION) {
    throw refused(
      'snapshot-version-unsupported',
      `it was written in snapshot format version ${JSON.stringify(document.version)}, and this sslab reads version ${SNAPSHOT_VERSION} only; take the snapshot again with this sslab`,
    );
  }
  if (typeof document.checksum !== 'string' || document.checksum !== checksumOf(crypto, document)) {
    throw refused('snapshot-checksum-mismatch', 'its checksum does not match its content: the file was edited or damaged after it was written');
  }
  if (document.profile !== VENDOR_PROFILE) {
    throw refused(
      'snapshot-profile-mismatch',
      `it holds the state of the vendor profile "${String(document.profile)}", and this emulator emulates "${VENDOR_PROFILE}"`,
    );
  }
  return { ...document, state: readState(document.state) };
}

/** The state's shape, each part named where it is wrong; BLOB cells decoded. */
function readState(raw: unknown): EmulatorState {
  const malformed = (field: string, rule: string) => refused('snapshot-malformed', `state.${field} ${rule}`);
  if (raw === null || typeof raw !== 'object') throw malformed('', 'must be an object');
  const state = raw as Partial<Record<keyof EmulatorState, unknown>>;
  if (!Array.isArray(state.tables)) throw malformed('tables', 'must be a list');
  const tables = state.tables.map((value, i): TableRows => {
    const t = value as Partial<Record<keyof TableRows, unknown>> | null;
    if (!t || typeof t.table !== 'string') throw malformed(`tables[${i}].table`, 'must be a table name');
    if (!Array.isArray(t.columns) || t.columns.some((c) => typeof c !== 'string')) throw malformed(`tables[${i}].columns`, 'must be a list of column names');
    if (!Array.isArray(t.rows)) throw malformed(`tables[${i}].rows`, 'must be a list of rows');
    return { table: t.table, columns: t.columns as string[], rows: t.rows.map((row) => (Array.isArray(row) ? row.map(decodeCell) : row)) };
  });
  if (typeof state.clock !== 'string') throw malformed('clock', 'must be the virtual now (an ISO timestamp)');
  if (state.faults === null || typeof state.faults !== 'object') throw malformed('faults', 'must be the injected faults ({delayMs, failWith})');
  const keys = state.keys as EmulatorState['keys'] | undefined;
  if (!keys || typeof keys.tokenSecret !== 'string' || typeof keys.signingKey !== 'string') {
    throw malformed('keys', 'must hold the token secret and the signing key');
  }
  return { tables, clock: state.clock, faults: state.faults as EmulatorState['faults'], keys };
}

/** What a list says of a snapshot of `state` taken at `takenAt` and kept under `name`. */
export function summaryOf(name: string, takenAt: string, state: EmulatorState): SnapshotSummary {
  return {
    name,
    takenAt,
    version: SNAPSHOT_VERSION,
    profile: VENDOR_PROFILE,
    now: state.clock,
    rows: state.tables.reduce((sum, t) => sum + t.rows.length, 0),
  };
}
