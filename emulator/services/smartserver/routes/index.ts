import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { Emulator } from '../../../kernel/emulator';
import { smartServerRoutes } from './cms';
import { cmsPageRoutes } from './cms-page';
import { deviceRoutes } from './devices';
import { manageLicensesRoutes } from './manage-licenses';
import { systemRoutes } from './system';
import { UPDATE_SOCKET_OPTIONS, updateRoutes } from './updates';

/** Every route of an emulated SmartServer: its CMS, Manage Licenses, devices, system, what its CMS page reads, and its update WebSocket. */
export function smartServerApi(app: FastifyInstance, emulator: Emulator): void {
  smartServerRoutes(app, emulator);
  manageLicensesRoutes(app, emulator);
  deviceRoutes(app, emulator);
  systemRoutes(app, emulator);
  cmsPageRoutes(app, emulator);
  // The WebSocket plugin adds request hooks to the scope it is registered in: registered inside a
  // scope of its own, with the one WebSocket route, no other request pays for them.
  app.register(async (scope) => {
    await scope.register(websocket, { options: UPDATE_SOCKET_OPTIONS });
    updateRoutes(scope, emulator);
  });
}
