import type { CoreContext } from '../../kernel/context';
import { KeptByVersion } from './kept-by-version';
import { dummyPasswordHash, verifyPassword } from '../../kernel/passwords';
import { forbidden, notFound, Problem } from '../../kernel/problems';
import type { CmsUserType, Principal } from '../../kernel/tokens';
import { requireObject, requireString } from '../../kernel/validate';

/** A SmartServer as the emulator keeps it: its record, its CMS users and their sessions. */

export interface SmartServerRecord {
  installCode: string;
  segmentControllerId: string;
  name: string;
  hostname: string;
  version: string;
  edition: 'standard' | 'pi';
  online: boolean;
  customerId?: string;
  pendingCustomerId?: string;
}

interface SmartServerRow {
  install_code: string;
  sc_id: string;
  name: string;
  version: string;
  edition: 'standard' | 'pi';
  online: number;
  customer_id: string | null;
  pending_customer_id: string | null;
}

const toRecord = (row: SmartServerRow): SmartServerRecord => ({
  installCode: row.install_code,
  segmentControllerId: row.sc_id,
  name: row.name,
  hostname: `smartserver-${row.install_code}`,
  version: row.version,
  edition: row.edition,
  online: row.online === 1,
  customerId: row.customer_id ?? undefined,
  pendingCustomerId: row.pending_customer_id ?? undefined,
});

/** The columns a record is made of: a licensing call reads its SmartServer twice, and the notification settings are not needed for that. */
const RECORD_COLUMNS = 'install_code, sc_id, name, version, edition, online, customer_id, pending_customer_id';

/**
 * The versions the connection's triggers gave a SmartServer's rows (tables.ts): its record's, its
 * held licenses' and its device cells'. What is kept under the versions read now is what the rows
 * hold, so a call that reads its SmartServer, its licenses and its devices checks them with this
 * one small row.
 */
export interface RowVersions {
  record: number | null;
  held: number | null;
  devices: number | null;
}
const UNWRITTEN: RowVersions = Object.freeze({ record: null, held: null, devices: null });

export function rowVersions(ctx: CoreContext, installCode: string): RowVersions {
  return ctx.db.prepare<[string], RowVersions>('SELECT record, held, devices FROM smartserver_versions WHERE install_code = ?').get(installCode) ?? UNWRITTEN;
}

/** Each SmartServer's record as last read, per database, under its row's version then. */
const keptRecords = new KeptByVersion<SmartServerRecord>();

/** A SmartServer's record, shared and never to be changed; `versions` when the caller has just read them. */
export function getSmartServer(ctx: CoreContext, installCode: string, versions = rowVersions(ctx, installCode)): SmartServerRecord {
  const kept = keptRecords.get(ctx.db, installCode, versions.record);
  if (kept) return kept;
  const row = ctx.db.prepare<[string], SmartServerRow>(`SELECT ${RECORD_COLUMNS} FROM smartservers WHERE install_code = ?`).get(installCode);
  if (!row) throw notFound('SmartServer', installCode);
  return keptRecords.set(ctx.db, installCode, versions.record, Object.freeze(toRecord(row)));
}

export function listSmartServers(ctx: CoreContext): SmartServerRecord[] {
  return ctx.db.prepare<[], SmartServerRow>(`SELECT ${RECORD_COLUMNS} FROM smartservers ORDER BY created_at, install_code`).all().map(toRecord);
}

export function setOnline(ctx: CoreContext, installCode: string, online: boolean): SmartServerRecord {
  getSmartServer(ctx, installCode);
  ctx.db.prepare('UPDATE smartservers SET online = ? WHERE install_code = ?').run(online ? 1 : 0, installCode);
  return getSmartServer(ctx, installCode);
}

/**
 * CMS login: any user type gets a session; what it may do is checked per operation. Each
 * SmartServer is a machine of its own and counts the failed logins from an address itself, so one
 * client logging in to thousands of SmartServers at once (a fleet's licensing storm) is not taken
 * for one guesser, while guessing on any one SmartServer still locks the address there.
 */
export function cmsLogin(ctx: CoreContext, installCode: string, body: unknown, source = 'local') {
  getSmartServer(ctx, installCode);
  const input = requireObject(body, 'body');
  const username = requireString(input.username, 'username', 60);
  const password = requireString(input.password, 'password', 200);
  return ctx.logins.attempt({ identity: `cms:${installCode}:${username}`, source: `cms:${installCode}:${source}` }, async () => {
    const user = ctx.db
      .prepare<[string, string], { password_hash: string; user_type: CmsUserType }>(
        'SELECT password_hash, user_type FROM cms_users WHERE install_code = ? AND username = ?',
      )
      .get(installCode, username);
    // An unknown user is verified against a dummy hash, so timing does not tell which users exist.
    const matches = await verifyPassword(ctx.crypto, password, user?.password_hash ?? dummyPasswordHash(ctx.crypto, ctx.config.passwordCost));
    const ok = matches && user !== undefined;
    if (!ok) throw new Problem(401, 'invalid-credentials', 'The user name or password is not right.');
    return { ...ctx.tokens.issue({ kind: 'cms', installCode, username, userType: user.user_type }), userType: user.user_type };
  });
}

/** The CMS session must belong to this SmartServer. */
export function requireCmsUser(principal: Principal, installCode: string): Extract<Principal, { kind: 'cms' }> {
  if (principal.kind !== 'cms' || principal.installCode !== installCode) {
    throw forbidden('not-this-smartserver', `This session is not a CMS session of SmartServer ${installCode}.`);
  }
  return principal;
}

/** Manage Licenses and everything in it belongs to the Owner user type alone. */
export function requireOwner(principal: Principal, installCode: string): void {
  const user = requireCmsUser(principal, installCode);
  if (user.userType !== 'Owner') {
    throw forbidden(
      'owner-only',
      `Manage Licenses is available only to the Owner user type; ${user.username} is ${user.userType === 'Admin' ? 'an' : 'a'} ${user.userType}.`,
    );
  }
}
