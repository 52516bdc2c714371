import { cmsSessionScope } from '../../kernel/tokens';
import { NO_NOTIFICATIONS } from '../../../models/notifications';
import { softwareChangeRefusal } from '../../../models/software';
import { heldMaintenanceEnd } from '../../../models/smartserver';
import { classifyChange, formatVersion, parseVersion } from '../../../models/versions';
import { inTransaction, type CoreContext } from '../../kernel/context';
import { clearDevices } from './devices';
import { badInput, forbidden, problemOf } from '../../kernel/problems';
import { getSmartServer, requireCmsUser } from './records';
import { heldLicenses, rederiveDevices } from './licensing';
import type { Principal } from '../../kernel/tokens';
import { optionalBoolean, requireObject, requireString } from '../../kernel/validate';

/**
 * The SmartServer's system configuration: installing a release (or re-imaging with one), Reset
 * Databases and Restore Factory Settings. None of them loses a license. Our choice for what they
 * do clear [inferred; the documents say only that licenses are kept]:
 * - installing a release keeps everything;
 * - re-imaging, Reset Databases and Restore Factory Settings forget the devices, which must be
 *   created, discovered or imported again;
 * - re-imaging and Restore Factory Settings also reset the notification settings and the enabled
 *   routing features;
 * - the CMS users and the saved Customer ID are kept by all of them, so the unit stays reachable.
 */

/** Installing releases and resetting the system belong to the Owner and Admin user types [inferred]. */
export function requireSystemAdministrator(principal: Principal, installCode: string): void {
  const user = requireCmsUser(principal, installCode);
  if (user.userType !== 'Owner' && user.userType !== 'Admin') {
    throw forbidden(
      'administrator-only',
      `System configuration is available to the Owner and Admin user types; ${user.username} is ${user.userType === 'User' ? 'a User' : `a ${user.userType}`}.`,
    );
  }
}

function forgetConfiguration(ctx: CoreContext, installCode: string): void {
  ctx.db.prepare('UPDATE smartservers SET notifications = ? WHERE install_code = ?').run(JSON.stringify(NO_NOTIFICATIONS), installCode);
  ctx.db.prepare('DELETE FROM smartserver_features WHERE install_code = ?').run(installCode);
}

/**
 * Installs `{version, reimage?}`. An upgrade to a feature release needs maintenance active on the
 * virtual date; Update releases and going back to the same or an older release never do.
 */
export function installRelease(ctx: CoreContext, installCode: string, body: unknown) {
  const input = requireObject(body, 'body');
  const text = requireString(input.version, 'version', 30);
  const to = parseVersion(text);
  if (!to) throw badInput('version', 'must be a SmartServer release such as 3.3, 4.0 or "3.3 Update 1"');
  const reimage = optionalBoolean(input.reimage, 'reimage') ?? false;
  return inTransaction(ctx, () => {
    const server = getSmartServer(ctx, installCode);
    const from = parseVersion(server.version)!;
    const held = heldLicenses(ctx, installCode);
    const refusal = softwareChangeRefusal({
      installCode,
      edition: server.edition,
      from,
      to,
      maintenanceEnd: heldMaintenanceEnd(held),
      today: ctx.clock.today(),
    });
    if (refusal) throw problemOf(refusal, 'version');
    ctx.db.prepare('UPDATE smartservers SET version = ? WHERE install_code = ?').run(formatVersion(to), installCode);
    const devicesCleared = reimage ? clearDevices(ctx, installCode) : 0;
    if (reimage) forgetConfiguration(ctx, installCode);
    rederiveDevices(ctx, installCode);
    return {
      installCode,
      from: formatVersion(from),
      to: formatVersion(to),
      change: classifyChange(from, to),
      reimaged: reimage,
      licensesKept: held.length,
      devicesCleared,
    };
  });
}

export function resetDatabases(ctx: CoreContext, installCode: string) {
  return inTransaction(ctx, () => {
    getSmartServer(ctx, installCode);
    const devicesCleared = clearDevices(ctx, installCode);
    return { installCode, reset: 'databases', licensesKept: heldLicenses(ctx, installCode).length, devicesCleared };
  });
}

export function restoreFactorySettings(ctx: CoreContext, installCode: string) {
  return inTransaction(ctx, () => {
    getSmartServer(ctx, installCode);
    const devicesCleared = clearDevices(ctx, installCode);
    forgetConfiguration(ctx, installCode);
    // The CMS users' sessions end with the settings.
    ctx.tokens.endSessions(cmsSessionScope(installCode));
    return { installCode, reset: 'factory-settings', licensesKept: heldLicenses(ctx, installCode).length, devicesCleared };
  });
}
