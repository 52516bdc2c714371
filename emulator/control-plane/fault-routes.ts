import type { FastifyInstance } from 'fastify';
import type { Emulator } from '../kernel/emulator';
import { badInput } from '../kernel/problems';
import { requireObject } from '../kernel/validate';
import { FaultsSchema, controlBodies } from './schemas';
import { responses } from '../api-kit/schemas';
import { PUBLIC } from '../api-kit/security';

const tags = ['admin'];

/** Test control plane: faults on the SmartServers' path to the licensing cloud. */
export function faultRoutes(app: FastifyInstance, emulator: Emulator): void {
  const { faults } = emulator;
  app.get(
    '/_emulator/faults',
    { schema: { tags, security: PUBLIC, summary: 'The injected faults', response: responses({ 200: FaultsSchema }) } },
    async () => ({
      cloud: faults.current(),
    }),
  );
  app.put(
    '/_emulator/faults',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'Slow down or fail the licensing cloud: {cloud: {delayMs (0..10000), failWith: 503|504|null}}; {cloud: null} clears',
        requestBody: controlBodies.faults,
        response: responses({ 200: FaultsSchema }),
      },
    },
    async (req) => {
      const input = requireObject(req.body, 'body');
      if (input.cloud === undefined) throw badInput('cloud', 'is required: {delayMs, failWith} to inject faults, or null to clear them');
      return { cloud: faults.set(input.cloud) };
    },
  );
}
