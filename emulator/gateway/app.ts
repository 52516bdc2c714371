import '../api-kit/route-docs';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Emulator } from '../kernel/emulator';
import { installOpenApi } from './openapi';
import { frameworkErrorAsProblem, installProblemHandler } from './problem-handler';
import { adminRoutes, healthRoute } from '../control-plane/admin-routes';
import { backofficeRoutes } from '../services/backoffice/routes';
import { customerRoutes } from '../services/customer-portal/routes';
import { cloudApiRoutes } from '../services/licensing-cloud/routes';
import { customerSuccessRoutes } from '../services/customer-success/routes';
import { deviceRoutes } from '../services/smartserver/routes/devices';
import { faultRoutes } from '../control-plane/fault-routes';
import { fleetRoutes } from '../control-plane/fleets/routes';
import { manageLicensesRoutes } from '../services/smartserver/routes/manage-licenses';
import { pageRoutes } from './pages/routes';
import { partnerRoutes } from '../services/partner-portal/routes';
import { smartServerRoutes } from '../services/smartserver/routes/cms';
import { systemRoutes } from '../services/smartserver/routes/system';
import { updateRoutes } from '../services/smartserver/routes/updates';
import { ecostruxurePlugin } from '../services/ecostruxure';
import { SINGLE_PROCESS, type Deployment } from '../control-plane/fleets/deployment';

/** Further vendors, each a plugin under emulator/vendors/ that brings its own routes, tables and reset. */
const VENDOR_PLUGINS = [ecostruxurePlugin];

export interface AppOptions {
  /** The admin API and the order back office: on for tests, off to stand in for the real services. */
  admin?: boolean;
  logger?: boolean;
  /** The part this process plays when the emulator is split into a portal-and-cloud process and shards. */
  deployment?: Deployment;
}

/**
 * The emulator's one HTTP application. The HTTP server listens with it and the in-process
 * target injects requests into it, so both targets run the very same routes.
 */
export function buildApp(emulator: Emulator, options: AppOptions = {}): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1_048_576, frameworkErrors: frameworkErrorAsProblem });
  installProblemHandler(app);
  // Before any route, so the API document sees every one of them.
  installOpenApi(app);
  healthRoute(app, emulator);
  if (options.admin ?? true) {
    adminRoutes(app, emulator);
    backofficeRoutes(app, emulator);
    customerSuccessRoutes(app, emulator);
    faultRoutes(app, emulator);
    fleetRoutes(app, emulator, options.deployment ?? SINGLE_PROCESS);
  }
  partnerRoutes(app, emulator);
  smartServerRoutes(app, emulator);
  customerRoutes(app, emulator);
  manageLicensesRoutes(app, emulator);
  deviceRoutes(app, emulator);
  systemRoutes(app, emulator);
  cloudApiRoutes(app, emulator);
  pageRoutes(app, emulator, { fleet: options.admin ?? true });
  for (const registerVendor of VENDOR_PLUGINS) registerVendor(app, emulator, { admin: options.admin ?? true });
  // The WebSocket plugin adds request hooks to the scope it is registered in: registered inside a
  // scope of its own, with the one WebSocket route, no other request pays for them.
  app.register(async (scope) => {
    await scope.register(websocket);
    updateRoutes(scope, emulator);
  });
  return app;
}
