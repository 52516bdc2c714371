import { applyLicense } from '../../kernel/machines';
import { activationTarget, type HeldLicense, type SmartServerLicensing } from '../../../models/smartserver';
import { OFFLINE_FILE_FORMAT, type OfflineFile, type OfflineFilePayload, type OfflineIssuer, type SigningKey } from '../../kernel/ports';
import { heldFrom } from './views';
import { fromBase64, toBase64, utf8 } from '../../kernel/encoding';
import { inTransaction, type CoreContext } from '../../kernel/context';
import { badInput, conflict, notFound, ruleBroken } from '../../kernel/problems';
import { retiredLicenseProblem } from '../../kernel/retired-licenses';
import { metaStore, type StoredLicense } from '../../kernel/store';
import { requireInstallCode, requireObject, requireUuid } from '../../kernel/validate';

const MAX_FILE_CHARS = 65_536;

/**
 * Offline activation files: readable JSON text whose payload is signed with the emulator's Ed25519
 * key (kept in the meta table), so a SmartServer without Internet can tell a genuine file from an
 * altered one. Each issued file is recorded, and it activates its license once. A file names the
 * key that signed it (`keyId`), so one signed by another cloud is told apart from an altered one,
 * and it can be loaded until `expiresAt` (virtual time; `offlineFileDays` after it was issued).
 * Files written before these two fields existed carry neither: they are checked against this
 * emulator's key and never expire.
 */
export interface IssuedOfflineFile {
  fileId: string;
  fileName: string;
  licenseId: string;
  installCode: string;
  kind: string;
  issuer: OfflineIssuer;
  /** Until when it can be loaded (virtual time); if it is not loaded by then, its license comes back. */
  expiresAt: string;
  /** The file's content, to save as `fileName` and load through Add License. */
  text: string;
}

/** The payload's bytes as signed: keys sorted, so the order a tool writes them in does not matter. */
function canonical(payload: Record<string, unknown>): Uint8Array {
  return utf8(JSON.stringify(payload, Object.keys(payload).sort()));
}

/** The signing key per database, derived again only when the PEM in the meta table changes (a snapshot loaded with its own keys). */
const keys = new WeakMap<object, { pem: string; key: SigningKey }>();

function keysOf(ctx: CoreContext): SigningKey {
  const pem = metaStore(ctx.db).read('signing-key');
  if (!pem) throw new Error('the emulator has no signing key in its meta table');
  let cached = keys.get(ctx.db);
  if (cached?.pem !== pem) {
    cached = { pem, key: ctx.crypto.signingKey(pem) };
    keys.set(ctx.db, cached);
  }
  return cached.key;
}

/** The fingerprint of this emulator's signing key: the first 16 hex digits of the SHA-256 of its public key. */
export function signingKeyId(ctx: CoreContext): string {
  return keysOf(ctx).keyId;
}

export function signPayload(ctx: CoreContext, payload: OfflineFilePayload): string {
  return keysOf(ctx).sign(canonical({ ...payload }));
}

/**
 * Issues a file binding `license` to one SmartServer through the license machine
 * (ISSUE_OFFLINE_FILE), records it and returns its text. Runs inside the caller's transaction.
 */
export function issueOfflineFile(ctx: CoreContext, license: StoredLicense, installCode: string, issuer: OfflineIssuer): IssuedOfflineFile {
  const at = ctx.clock.now();
  const fileId = ctx.newId();
  const expiresAt = new Date(Date.parse(at) + ctx.config.offlineFileDays * 86_400_000).toISOString();
  const bound = applyLicense(license, { type: 'ISSUE_OFFLINE_FILE', installCode, issuer, at, fileId, expiresAt });
  ctx.licenses.save(bound, license.poNumber, license.createdAt);
  const c = bound.context;
  const payload: OfflineFilePayload = {
    fileId,
    licenseId: c.licenseId,
    model: c.model,
    kind: c.kind,
    capacity: c.capacity,
    termYears: c.termYears ?? null,
    termEnd: c.termEnd ?? null,
    installCode,
    issuer,
    issuedAt: at,
    expiresAt,
  };
  const file: OfflineFile = { format: OFFLINE_FILE_FORMAT, payload, keyId: signingKeyId(ctx), signature: signPayload(ctx, payload) };
  ctx.db.prepare('INSERT INTO offline_files (id, license_id, install_code, issued_at) VALUES (?, ?, ?, ?)').run(payload.fileId, c.licenseId, installCode, at);
  const what = c.kind === 'maintenance' ? 'maintenance' : 'capacity';
  return {
    fileId: payload.fileId,
    fileName: `offline-${what}-${installCode}-${c.licenseId.slice(0, 8)}.json`,
    licenseId: c.licenseId,
    installCode,
    kind: c.kind,
    issuer,
    expiresAt,
    text: `${JSON.stringify(file, null, 2)}\n`,
  };
}

/**
 * Withdraws the unused offline files of `license`: the license machine releases it from the install
 * code they name (WITHDRAW_OFFLINE_FILE), and the files no longer load anywhere. Runs inside the
 * caller's transaction.
 */
export function withdrawOfflineFiles(ctx: CoreContext, license: StoredLicense, issuer: OfflineIssuer): StoredLicense {
  const released = applyLicense(license, { type: 'WITHDRAW_OFFLINE_FILE', issuer, at: ctx.clock.now() });
  ctx.licenses.save(released, license.poNumber, license.createdAt);
  return { ...license, ...released };
}

/** Gives back every license whose offline files can no longer be loaded and were never loaded (OFFLINE_FILE_EXPIRED). */
export function releaseExpiredOfflineFiles(ctx: CoreContext): number {
  const at = ctx.clock.now();
  return inTransaction(ctx, () => {
    const due = ctx.licenses.where("state = 'offlineFileIssued' AND json_extract(context, '$.offlineFileExpiresAt') < ?", at);
    for (const license of due) ctx.licenses.save(applyLicense(license, { type: 'OFFLINE_FILE_EXPIRED', at }), license.poNumber, license.createdAt);
    return due.length;
  });
}

/** Customer Success issues offline maintenance files (back office, not the customer portal). */
export function issueMaintenanceFile(ctx: CoreContext, body: unknown): IssuedOfflineFile {
  const input = requireObject(body, 'body');
  const licenseId = requireUuid(input.licenseId, 'licenseId');
  const installCode = requireInstallCode(input.installCode, 'installCode');
  return inTransaction(ctx, () => {
    const license = ctx.licenses.get(licenseId);
    if (!license) throw notFound('license', licenseId);
    const retired = retiredLicenseProblem(ctx, license, { vendor: true });
    if (retired) throw retired;
    return issueOfflineFile(ctx, license, installCode, 'customer-success');
  });
}

/** The bytes of a base64 text, or undefined unless the text is their one canonical spelling. */
function canonicalBase64(text: string): Uint8Array | undefined {
  try {
    const bytes = fromBase64(text);
    return toBase64(bytes) === text ? bytes : undefined;
  } catch {
    return undefined;
  }
}

const notAFile = (why: string) => badInput('file', `${why}; give the text of an offline activation file (format ${OFFLINE_FILE_FORMAT})`);

const PAYLOAD_FIELDS: Record<keyof OfflineFilePayload, (v: unknown) => boolean> = {
  fileId: (v) => typeof v === 'string',
  licenseId: (v) => typeof v === 'string',
  model: (v) => typeof v === 'string',
  kind: (v) => typeof v === 'string',
  capacity: (v) => typeof v === 'number',
  termYears: (v) => v === null || typeof v === 'number',
  termEnd: (v) => v === null || typeof v === 'string',
  installCode: (v) => typeof v === 'string',
  issuer: (v) => v === 'customer-portal' || v === 'customer-success',
  issuedAt: (v) => typeof v === 'string',
  expiresAt: (v) => v === undefined || (typeof v === 'string' && !Number.isNaN(Date.parse(v))),
};

/** Reads and checks a file's text: 400 when it is not a file of this format, 422 when its signature fails. */
export function readOfflineFile(ctx: CoreContext, value: unknown): OfflineFile {
  if (typeof value !== 'string' || value.trim() === '') throw notAFile('is required');
  if (value.length > MAX_FILE_CHARS) throw notAFile(`is longer than ${MAX_FILE_CHARS} characters`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw notAFile('cannot be read (it is not JSON)');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw notAFile('is not an object');
  const file = parsed as Record<string, unknown>;
  if (file.format !== OFFLINE_FILE_FORMAT) throw notAFile(`has the unknown format ${JSON.stringify(file.format ?? null)}`);
  const payload = file.payload;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload) || typeof file.signature !== 'string') {
    throw notAFile('lacks its payload or signature');
  }
  if (file.keyId !== undefined && file.keyId !== signingKeyId(ctx)) {
    throw ruleBroken(
      'offline-file-unknown-key',
      `The offline activation file was signed with a key this licensing cloud does not know (key ${String(file.keyId).slice(0, 40)}), so it was not issued here. Ask for a file from the portal that serves this SmartServer's licenses.`,
      'file',
    );
  }
  const signature = canonicalBase64(file.signature);
  const genuine = signature?.length === 64 && keysOf(ctx).verify(canonical(payload as Record<string, unknown>), signature);
  if (!genuine) {
    throw ruleBroken(
      'offline-file-tampered',
      'The offline activation file was altered after it was issued (its signature does not match its content). Download the file again from where it was issued.',
      'file',
    );
  }
  // A genuine signature covers only files this emulator wrote, so the fields are sound; check anyway.
  for (const [name, ok] of Object.entries(PAYLOAD_FIELDS)) {
    if (!ok((payload as Record<string, unknown>)[name])) throw notAFile(`has no valid payload.${name}`);
  }
  return { format: OFFLINE_FILE_FORMAT, payload: payload as OfflineFilePayload, keyId: signingKeyId(ctx), signature: file.signature };
}

/**
 * The licensing cloud's side of Add License: the file must be one it issued for that SmartServer,
 * not loaded before and not expired; the license machine then records the offline activation and
 * the file is marked loaded. `record` stores the license on the SmartServer inside the same
 * transaction (a cloud in another process runs it once this answer arrives, as for online activation).
 */
export function redeemOfflineFile<T>(ctx: CoreContext, request: { text: unknown; server: SmartServerLicensing }, record: (held: HeldLicense) => T): T {
  const p = readOfflineFile(ctx, request.text).payload;
  const installCode = request.server.installCode;
  return inTransaction(ctx, () => {
    if (p.installCode !== installCode) {
      throw ruleBroken(
        'offline-file-foreign',
        `This offline activation file was made for the SmartServer with install code ${p.installCode}, not for this one (${installCode}). Ask for a file made for install code ${installCode}.`,
        'file',
      );
    }
    const stored = ctx.db
      .prepare<[string], { license_id: string; install_code: string; loaded_at: string | null }>(
        'SELECT license_id, install_code, loaded_at FROM offline_files WHERE id = ?',
      )
      .get(p.fileId);
    const license = ctx.licenses.get(p.licenseId);
    if (!stored || stored.license_id !== p.licenseId || stored.install_code !== p.installCode || !license) {
      throw conflict('offline-file-unknown', `The licensing cloud has no record of offline activation file ${p.fileId}; ask for a new file.`);
    }
    if (stored.loaded_at) {
      throw conflict(
        'offline-file-replayed',
        `Offline activation file ${p.fileId} was loaded on ${stored.loaded_at.slice(0, 10)} already; each file activates its license once. License ${p.licenseId} is ${license.state === 'active' ? 'active' : license.state}.`,
      );
    }
    const at = ctx.clock.now();
    if (p.expiresAt !== undefined && Date.parse(at) > Date.parse(p.expiresAt)) {
      throw ruleBroken(
        'offline-file-expired',
        `Offline activation file ${p.fileId} could be loaded until ${p.expiresAt.slice(0, 10)}; it has expired. Ask for a new file for install code ${installCode}.`,
        'file',
      );
    }
    const active = applyLicense(license, {
      type: 'ACTIVATE',
      mode: 'offline',
      installCode,
      at,
      target: activationTarget(request.server, [license.context]),
      fileId: p.fileId,
    });
    ctx.licenses.save(active, license.poNumber, license.createdAt);
    ctx.db.prepare('UPDATE offline_files SET loaded_at = ? WHERE id = ?').run(at, p.fileId);
    return record(heldFrom({ ...license, ...active }));
  });
}
