import './route-docs';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Emulator } from '../core/emulator';
import { installProblemHandler } from './problem-handler';
import { adminRoutes, healthRoute } from './routes/admin';
import { backofficeRoutes } from './routes/backoffice';
import { partnerRoutes } from './routes/partner';
import { smartServerRoutes } from './routes/smartserver';

export interface AppOptions {
  /** The admin API and the order back office: on for tests, off to stand in for the real services. */
  admin?: boolean;
  logger?: boolean;
}

/**
 * The emulator's one HTTP application. The HTTP server listens with it and the in-process
 * target injects requests into it, so both targets run the very same routes.
 */
export function buildApp(emulator: Emulator, options: AppOptions = {}): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1_048_576 });
  installProblemHandler(app);
  healthRoute(app, emulator);
  if (options.admin ?? true) {
    adminRoutes(app, emulator);
    backofficeRoutes(app, emulator);
  }
  partnerRoutes(app, emulator);
  smartServerRoutes(app, emulator);
  return app;
}
