import type { EmulatedService } from '../../api-kit/service';
import { deviceAdministratorRoutes, ecoStruxureAdminRoutes, ecoStruxureLoginRoutes, licenseActivationServerRoutes } from './routes';
import { behindEcoStruxureLogin } from './login';
import { ECOSTRUXURE_TABLES } from './tables';

/**
 * Schneider Electric's EcoStruxure BMS centralized licensing: Device Administrator, the License
 * Activation Server and, with the control plane on, its test-only sales desk and servers.
 */
export const ecoStruxure: EmulatedService = {
  name: 'ecostruxure',
  summary: 'EcoStruxure BMS centralized licensing: entitlements, Device Administrator and the License Activation Server.',
  tags: [
    {
      name: 'ecostruxure device administrator',
      description:
        'EcoStruxure Device Administrator: entitlements, EcoStruxure servers, and licenses assigned, activated and returned online or by request files.',
    },
    {
      name: 'ecostruxure license activation server',
      description: "Schneider Electric's License Activation Server: it answers offline request files and confirms returns.",
    },
  ],
  tables: ECOSTRUXURE_TABLES,
  routes(app, emulator, { admin }) {
    ecoStruxureLoginRoutes(app, emulator);
    // Every other route logs in first, like the partner, customer and CMS routes.
    behindEcoStruxureLogin(app, emulator, (scope) => {
      deviceAdministratorRoutes(scope, emulator);
      licenseActivationServerRoutes(scope, emulator);
    });
    if (admin) ecoStruxureAdminRoutes(app, emulator);
  },
};

export * from './schemas';
export { ecoStruxureLogin } from './login';
