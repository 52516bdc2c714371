import { applySmartServer } from '../../kernel/machines';
import { inTransaction, type CoreContext } from '../../kernel/context';
import type { LicensingCloudPort } from '../../kernel/ports';
import { ruleBroken } from '../../kernel/problems';
import { requireObject } from '../../kernel/validate';
import { getSmartServer } from './records';
import { activatedLicenses, hold, licensingState, licensingSummary, requireLicenseManagement } from './licensing';

/**
 * Add License: loads an offline activation file into a SmartServer. No Internet is needed, which
 * is the point: the cloud's part is its records of the file (see redeemOfflineFile), which the
 * emulator keeps in step when the file is loaded. The SmartServer machine then holds the license
 * (via file) and the devices are re-licensed to the new capacity.
 */
export async function loadOfflineFile(ctx: CoreContext, cloud: LicensingCloudPort, installCode: string, body: unknown) {
  const text = requireObject(body, 'body').file;
  const p = (await cloud.checkOfflineFile(text)).payload;
  const server = getSmartServer(ctx, installCode);
  requireLicenseManagement(server);
  if (p.installCode !== installCode) {
    throw ruleBroken(
      'offline-file-foreign',
      `This offline activation file was made for the SmartServer with install code ${p.installCode}, not for this one (${installCode}). Ask for a file made for install code ${installCode}.`,
      'file',
    );
  }
  return cloud.redeemOfflineFile({ text, server: licensingState(ctx, server) }, (held) =>
    inTransaction(ctx, () => {
      const state = licensingState(ctx, getSmartServer(ctx, installCode));
      const next = applySmartServer(state, { type: 'ACTIVATE', via: 'file', licenses: [held] });
      const stored = hold(ctx, installCode, next);
      return { activated: activatedLicenses(ctx, stored, [p.licenseId])[0], fileId: p.fileId, licensing: licensingSummary(stored) };
    }),
  );
}
