import '../api-kit/route-docs';
import { describePathParameters } from '../api-kit/path-parameters';
import Fastify, { type FastifyInstance } from 'fastify';
import { adminRoutes, healthRoute } from '../control-plane/admin-routes';
import { faultRoutes } from '../control-plane/fault-routes';
import { type Deployment, SINGLE_PROCESS } from '../control-plane/fleets/deployment';
import { fleetRoutes } from '../control-plane/fleets/routes';
import { snapshotRoutes } from '../control-plane/snapshot-routes';
import type { Emulator } from '../kernel/emulator';
import { SERVICES } from '../services/registry';
import { docsRoutes } from './docs-page';
import { loadExamples, withExamples } from './examples';
import { withLinks } from './links';
import { GATEWAY_TAGS, installOpenApi } from './openapi';
import { pageRoutes } from './pages/routes';
import { type ErrorLog, frameworkErrorAsProblem, installProblemHandler } from './problem-handler';
import { refuseUnknownQueryParameters } from './query-parameters';
import { installRequestGuard } from './request-guard';
import { lazySchemaCompilers } from './lazy-schemas';

export interface AppOptions {
  /** The control plane and the vendors' internal desks: on for tests, off to stand in for the real services. */
  admin?: boolean;
  logger?: boolean;
  /** The part this process plays when the emulator is split into a portal-and-cloud process and shards. */
  deployment?: Deployment;
  /** Host names to answer to (see request-guard.ts); the server passes its own, the in-process transport none. */
  allowedHosts?: readonly string[];
  /** Where a 500's details are written (standard error unless given; the CLI passes its --log file). */
  errorLog?: ErrorLog;
  /** Compile every route's schemas when the application starts, as fastify does by itself, rather than each on its first request. */
  compileSchemasOnStart?: boolean;
}

/**
 * The emulator's one HTTP application, built from the service registry. The HTTP server listens
 * with it and the in-process target injects requests into it, so both run the very same routes.
 */
export function buildApp(emulator: Emulator, options: AppOptions = {}): FastifyInstance {
  const admin = options.admin ?? true;
  // Pages live at `/partner/` and the like; the API document names every path without a trailing slash, and both spellings reach the route.
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1_048_576,
    frameworkErrors: frameworkErrorAsProblem,
    routerOptions: { ignoreTrailingSlash: true },
    schemaController: options.compileSchemasOnStart ? undefined : lazySchemaCompilers(),
  });
  installProblemHandler(app, options.errorLog);
  installRequestGuard(app, { allowedHosts: options.allowedHosts });
  // Before the document's hook, so the document reads each route's parameters as they are enforced.
  describePathParameters(app);
  refuseUnknownQueryParameters(app);
  // Before any route, so the API document sees every one of them.
  installOpenApi(app, {
    tags: [...GATEWAY_TAGS, ...SERVICES.flatMap((service) => service.tags)],
    complete: (document) => withLinks(withExamples(document, loadExamples())),
  });
  docsRoutes(app);
  healthRoute(app);
  if (admin) {
    adminRoutes(app, emulator);
    faultRoutes(app, emulator);
    snapshotRoutes(app, emulator);
    fleetRoutes(app, emulator, options.deployment ?? SINGLE_PROCESS);
  }
  for (const service of SERVICES) if (admin || !service.testOnly) service.routes(app, emulator, { admin });
  pageRoutes(app, emulator, { fleet: admin });
  return app;
}
