import type { WebSocket } from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Emulator } from '../../../kernel/emulator';
import { Problem } from '../../../kernel/problems';
import { getSmartServer, requireOwner } from '../records';
import { cmsWebSocketAuth } from '../../../api-kit/security';

type Req = FastifyRequest<{ Params: { installCode: string } }>;

/** The subprotocol a client names, followed by its token, when it cannot set an Authorization header (a browser). */
export const BEARER_SUBPROTOCOL = 'bearer';

/**
 * The socket reads no message: a client's frame is limited to what a control frame needs, and a
 * larger one closes the socket (1009) before it is buffered. The token may come as a subprotocol
 * (`new WebSocket(url, ['bearer', token])`), which the server answers by choosing 'bearer'; never
 * in the URL, where logs and the browser history would keep it.
 */
export const UPDATE_SOCKET_OPTIONS = {
  maxPayload: 1024,
  handleProtocols: (protocols: Set<string>) => (protocols.has(BEARER_SUBPROTOCOL) ? BEARER_SUBPROTOCOL : false),
};

/** The token of an upgrade request: the Authorization header, or the subprotocol after 'bearer'. */
function socketToken(req: Req): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  const offered = String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim());
  const at = offered.indexOf(BEARER_SUBPROTOCOL);
  return at >= 0 ? offered[at + 1] : undefined;
}

/**
 * The CMS WebSocket of one SmartServer: it forwards the SmartServer's updates, such as
 * UPD:LIC:CLOUD whenever the cloud's license list is answered. Needs @fastify/websocket registered
 * with UPDATE_SOCKET_OPTIONS. Declared with `wsHandler` so that a plain GET gets a problem rather
 * than an empty 404.
 */
export function updateRoutes(app: FastifyInstance, emulator: Emulator): void {
  const { ctx } = emulator;
  app.route({
    method: 'GET',
    url: '/smartservers/:installCode/iap/ws',
    schema: {
      tags: ['smartserver'],
      security: cmsWebSocketAuth,
      summary: "WebSocket of SmartServer updates (UPD:LIC:CLOUD); the Owner's token in the Authorization header, or as the subprotocol after 'bearer'",
      response: { 101: { description: 'Switching to the WebSocket protocol; messages are JSON {type: "UPD:LIC:CLOUD", installCode, licenses}', type: 'null' } },
    },
    preValidation: async (req: Req) => {
      requireOwner(ctx.tokens.verify(socketToken(req)), req.params.installCode);
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
