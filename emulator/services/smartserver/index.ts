import type { EmulatedService } from '../../api-kit/service';
import { smartServerApi } from './routes';
import { getSmartServer } from './records';
import { SMARTSERVER_TABLES } from './tables';

/** An emulated SmartServer: its CMS (Manage Licenses, Manage Customer Accounts), its devices and its system. */
export const smartServer: EmulatedService = {
  name: 'smartserver',
  summary: 'Each emulated SmartServer: the CMS where licenses are activated and sent back, its devices and its releases.',
  tags: [
    {
      name: 'smartserver',
      description: 'One emulated SmartServer: its CMS Manage Licenses features and its REST paths under /iap/lic and /iap/devs, addressed by install code.',
    },
  ],
  pages: [
    {
      url: '/smartservers/:installCode/cms/',
      file: 'cms.html',
      summary: "One SmartServer's CMS: dashboard, Devices widget and the Manage Licenses dialog",
      check: (emulator, params) => void getSmartServer(emulator.ctx, params.installCode),
    },
  ],
  tables: SMARTSERVER_TABLES,
  routes: smartServerApi,
};

export { activateFromCloud, transferToCloud } from './cloud-licensing';
export { createSmartServer } from './create';
export { saveCustomerId } from './customer-id';
export { deviceMenu } from './device-menu';
export { generatedCells, listDevices, type RelicenseTally, recordRelicensing, relicense, relicenseCells, writeCells } from './devices';
export { everyDashboard } from './dashboards';
export { dashboard, type DashboardFigures, heldLicenses, licensingState } from './licensing';
export { setProvisioningWaits } from './provisioning';
export { cmsLogin, getSmartServer, listSmartServers, requireCmsUser, setOnline } from './records';
export * from './schemas';
export { addDevice, runDeviceAction } from './device-operations';
export { smartServerFacts } from './licensing';
export { cellLicensed, cellProtocol, readCells } from './devices';
