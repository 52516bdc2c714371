import type { EmulatedService } from '../api-kit/service';
import { backoffice } from './backoffice';
import { customerPortal } from './customer-portal';
import { customerSuccess } from './customer-success';
import { datapoints } from './datapoints';
import { ecoStruxure } from './ecostruxure';
import { licensingCloud } from './licensing-cloud';
import { partnerPortal } from './partner-portal';
import { smartServer } from './smartserver';

/**
 * Every emulated service, in the order their routes are registered and their tables created.
 * Adding a service is a folder under emulator/services, an entry here, and a driver surface for it.
 */
export const SERVICES: readonly EmulatedService[] = [
  backoffice,
  customerSuccess,
  partnerPortal,
  smartServer,
  datapoints,
  customerPortal,
  licensingCloud,
  ecoStruxure,
];
