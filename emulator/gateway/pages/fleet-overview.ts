import type { CoreContext } from '../../kernel/context';
import { dashboard, listSmartServers } from '../../services/smartserver';

/** One SmartServer as the fleet overview lists it: its dashboard figures and where its CMS is. */
export type FleetEntry = ReturnType<typeof dashboard> & { cmsPath: string };

/** Every SmartServer of the fleet with the figures its own dashboard shows, in the order they were added. */
export function fleetOverview(ctx: CoreContext): FleetEntry[] {
  return listSmartServers(ctx).map((server) => ({
    ...dashboard(ctx, server.installCode),
    cmsPath: `/smartservers/${server.installCode}/cms/`,
  }));
}
