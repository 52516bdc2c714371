import { maintenanceActive } from '../../../models/maintenance';
import { heldMaintenanceEnd } from '../../../models/smartserver';
import type { CoreContext } from '../../kernel/context';
import { getSmartServer, heldLicenses } from '../smartserver';
import { requireInstallCode } from '../../kernel/validate';

/**
 * What Customer Success sees when a customer asks for help with a SmartServer: priority support
 * while the SmartServer's maintenance is active on the virtual date, standard support otherwise.
 */
export function supportEntitlement(ctx: CoreContext, installCode: unknown) {
  const code = requireInstallCode(installCode, 'installCode');
  getSmartServer(ctx, code);
  const end = heldMaintenanceEnd(heldLicenses(ctx, code));
  const today = ctx.clock.today();
  const priority = maintenanceActive(end, today);
  return {
    installCode: code,
    support: priority ? 'priority' : 'standard',
    maintenanceEnd: end ?? null,
    reason: priority
      ? `Maintenance is active until ${end}, which entitles to priority support.`
      : end
        ? `Maintenance ended on ${end}; extending it is no longer possible, so a new maintenance license is needed for priority support.`
        : 'The SmartServer holds no maintenance license, so it gets standard support.',
  };
}
