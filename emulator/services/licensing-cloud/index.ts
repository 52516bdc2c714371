import type { EmulatedService } from '../../api-kit/service';
import { cloudApiRoutes } from './routes';
import { LICENSING_CLOUD_TABLES } from './tables';

/** The licensing cloud: what a Customer ID may download, activations and returns, and the offline files it issued. */
export const licensingCloud: EmulatedService = {
  name: 'licensing-cloud',
  summary: 'The licensing cloud SmartServers download licenses from and give them back to.',
  tags: [
    {
      name: 'licensing cloud',
      description:
        'The licensing cloud as SmartServers reach it: offers for a Customer ID, activations and returns. Used by the SmartServers of shard processes; in one process they call the cloud directly.',
    },
  ],
  tables: LICENSING_CLOUD_TABLES,
  routes: cloudApiRoutes,
};

export {
  type IssuedOfflineFile,
  issueMaintenanceFile,
  issueOfflineFile,
  releaseExpiredOfflineFiles,
  signingKeyId,
  signPayload,
  withdrawOfflineFiles,
} from './offline-files';
export * from './schemas';
export { HttpLicensingCloud, lookUpCustomerIds, parseJson } from './remote';
export { LicensingCloud } from './service';
export { cloudView } from './views';
