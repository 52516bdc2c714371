import { parseVersion, supportsPi } from '../../../models/versions';
import { inTransaction, type CoreContext } from '../../kernel/context';
import { addGeneratedDevices } from './devices';
import { PROTOCOLS, type Protocol, USER_TYPES } from '../../kernel/vocabulary';
import { generatePassword, hashPassword } from '../../kernel/passwords';
import { badInput, conflict } from '../../kernel/problems';
import type { CmsUserType } from '../../kernel/tokens';
import { optionalBoolean, optionalString, requireArray, requireInstallCode, requireInt, requireObject, requireString } from '../../kernel/validate';

import { rederiveDevices } from './licensing';
import { getSmartServer } from './records';

/** A new SmartServer, made through the control plane: its record, its CMS users and its devices. */

const randomCode = (ctx: CoreContext, alphabet: string, length: number) =>
  [...ctx.crypto.randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');

/** A random install code no SmartServer here has yet (a large fleet makes a clash likely enough to matter). */
function freeInstallCode(ctx: CoreContext): string {
  const taken = ctx.db.prepare<[string], { one: number }>('SELECT 1 AS one FROM smartservers WHERE install_code = ?');
  for (;;) {
    const code = `17q${randomCode(ctx, '0123456789abcdefghijklmnopqrstuvwxyz', 4)}`;
    if (!taken.get(code)) return code;
  }
}

export interface NewSmartServer {
  installCode?: string;
  name?: string;
  version?: string;
  edition?: 'standard' | 'pi';
  online?: boolean;
  devices?: Partial<Record<Protocol, number>>;
  users?: { username: string; userType: CmsUserType; password?: string }[];
}

/** Adds a SmartServer to the fleet, with its CMS users (an Owner by default) and unlicensed devices. */
export function createSmartServer(ctx: CoreContext, body: unknown) {
  const input = requireObject(body === undefined ? {} : body, 'body');
  const installCode = input.installCode === undefined ? freeInstallCode(ctx) : requireInstallCode(input.installCode, 'installCode');
  const version = optionalString(input.version, 'version', 30) ?? '4.0';
  const parsed = parseVersion(version);
  if (!parsed) throw badInput('version', 'must be a SmartServer release such as 3.3, 4.0 or "3.3 Update 1"');
  const edition = input.edition === undefined ? 'standard' : input.edition;
  if (edition !== 'standard' && edition !== 'pi') throw badInput('edition', 'must be "standard" or "pi"');
  if (edition === 'pi' && !supportsPi(parsed)) throw badInput('edition', 'SmartServer Pi exists from release 4.2 on');
  const online = optionalBoolean(input.online, 'online') ?? true;
  const name = optionalString(input.name, 'name', 80) ?? `smartserver-${installCode}`;
  const deviceCounts = requireObject(input.devices ?? {}, 'devices');
  for (const key of Object.keys(deviceCounts)) {
    if (!PROTOCOLS.includes(key as Protocol)) throw badInput(`devices.${key}`, `unknown protocol; use ${PROTOCOLS.join(', ')}`);
  }
  const users =
    input.users === undefined
      ? [{ username: 'owner', userType: 'Owner' as CmsUserType, password: undefined as string | undefined }]
      : requireArray(input.users, 'users', 1, 20).map((raw, i) => {
          const u = requireObject(raw, `users[${i}]`);
          const userType = u.userType as CmsUserType;
          if (!USER_TYPES.includes(userType)) throw badInput(`users[${i}].userType`, `must be one of ${USER_TYPES.join(', ')}`);
          return { username: requireString(u.username, `users[${i}].username`, 60), userType, password: optionalString(u.password, `users[${i}].password`) };
        });
  users.forEach((u, i) => {
    if (users.findIndex((other) => other.username === u.username) !== i)
      throw badInput(`users[${i}].username`, `must differ from the other users' names; ${u.username} is given twice`);
  });

  return inTransaction(ctx, () => {
    if (ctx.db.prepare('SELECT 1 FROM smartservers WHERE install_code = ?').get(installCode)) {
      throw conflict('smartserver-exists', `A SmartServer with install code ${installCode} exists already.`);
    }
    ctx.db
      .prepare(`INSERT INTO smartservers (install_code, sc_id, name, version, edition, online, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(
        installCode,
        randomCode(ctx, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789', 8),
        name,
        version,
        edition,
        online ? 1 : 0,
        ctx.clock.now(),
      );
    const credentials = users.map((u) => {
      const password = u.password ?? generatePassword(ctx.crypto);
      ctx.db
        .prepare('INSERT INTO cms_users (install_code, username, password_hash, user_type) VALUES (?, ?, ?, ?)')
        .run(installCode, u.username, hashPassword(ctx.crypto, password, ctx.config.passwordCost), u.userType);
      return { username: u.username, userType: u.userType, password };
    });
    const counts = Object.fromEntries(
      PROTOCOLS.map((protocol) => [protocol, deviceCounts[protocol] === undefined ? 0 : requireInt(deviceCounts[protocol], `devices.${protocol}`, 0, 100_000)]),
    ) as Record<Protocol, number>;
    addGeneratedDevices(ctx, installCode, counts);
    rederiveDevices(ctx, installCode);
    return { ...getSmartServer(ctx, installCode), users: credentials };
  });
}
