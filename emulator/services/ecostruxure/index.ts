import type { FastifyInstance } from 'fastify';
import type { Emulator } from '../../kernel/emulator';
import { ecoStruxureAdminRoutes, deviceAdministratorRoutes, licenseActivationServerRoutes } from './routes';
import { clearEcoStruxure, ensureEcoStruxureSchema } from './tables';

const installed = new WeakSet<Emulator>();

/** Creates EcoStruxure's tables in the emulator's database and clears them on every reset; once per emulator. */
export function installEcoStruxure(emulator: Emulator): void {
  if (installed.has(emulator)) return;
  installed.add(emulator);
  ensureEcoStruxureSchema(emulator.ctx.db);
  emulator.onReset(() => clearEcoStruxure(emulator.ctx.db));
}

/**
 * The EcoStruxure BMS vendor plugin: Device Administrator, the License Activation Server and,
 * with the admin API, its control plane.
 */
export function ecostruxurePlugin(app: FastifyInstance, emulator: Emulator, options: { admin: boolean }): void {
  installEcoStruxure(emulator);
  deviceAdministratorRoutes(app, emulator);
  licenseActivationServerRoutes(app, emulator);
  if (options.admin) ecoStruxureAdminRoutes(app, emulator);
}
