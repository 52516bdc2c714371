import type { WebSocket } from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Emulator } from '../../../kernel/emulator';
import { Problem } from '../../../kernel/problems';
import { getSmartServer, requireOwner } from '../records';
import { cmsWebSocketAuth } from '../../../api-kit/security';

type Req = FastifyRequest<{ Params: { installCode: string }; Querystring: { token?: string } }>;

/**
 * The CMS WebSocket of one SmartServer: it forwards the SmartServer's updates, such as
 * UPD:LIC:CLOUD whenever the cloud's license list is answered. Browsers cannot set headers on a
 * WebSocket, so the Owner's token may also come as `?token=`. Needs @fastify/websocket registered.
 * Declared with `wsHandler` so that a plain GET gets a problem rather than an empty 404.
 */
export function updateRoutes(app: FastifyInstance, emulator: Emulator): void {
  const { ctx } = emulator;
  app.route({
    method: 'GET',
    url: '/smartservers/:installCode/iap/ws',
    schema: {
      tags: ['smartserver'],
      security: cmsWebSocketAuth,
      summary: 'WebSocket of SmartServer updates (UPD:LIC:CLOUD); token in the header or as ?token=',
      querystring: { type: 'object', properties: { token: { type: 'string', description: "the Owner's session token, for clients that cannot set headers" } } },
      response: { 101: { description: 'Switching to the WebSocket protocol; messages are JSON {type: "UPD:LIC:CLOUD", installCode, licenses}', type: 'null' } },
    },
    preValidation: async (req: Req) => {
      const header = req.headers.authorization;
      const token = header?.startsWith('Bearer ') ? header.slice(7) : req.query.token;
      requireOwner(ctx.tokens.verify(token), req.params.installCode);
      getSmartServer(ctx, req.params.installCode);
    },
    handler: async () => {
      throw new Problem(
        426,
        'websocket-upgrade-required',
        "This path speaks WebSocket only: open it as a WebSocket (an Upgrade request) to receive the SmartServer's updates.",
      );
    },
    wsHandler: (socket: WebSocket, req: Req) => {
      const stop = ctx.updates.subscribe(req.params.installCode, (update) => socket.send(JSON.stringify(update)));
      socket.on('close', stop);
    },
  });
}
