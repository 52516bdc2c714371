import type { FastifyInstance } from 'fastify';
import type { Emulator } from '../../core/emulator';
import { createSmartServer, listSmartServers, setOnline } from '../../core/smartservers';
import { optionalBoolean, requireObject, requireInt, requireString } from '../../core/validate';

const tags = ['admin'];

/** The test-only control plane, apart from every vendor route; can be switched off. */
export function adminRoutes(app: FastifyInstance, emulator: Emulator): void {
  const { ctx } = emulator;
  app.post('/_emulator/reset', { schema: { tags, summary: 'Forget every account, license and SmartServer; put the clock back to its start' } }, async () => {
    emulator.reset();
    return { reset: true, now: ctx.clock.now() };
  });
  app.get('/_emulator/clock', { schema: { tags, summary: 'Read the virtual clock' } }, async () => ({ now: ctx.clock.now(), today: ctx.clock.today() }));
  app.put('/_emulator/clock', { schema: { tags, summary: 'Set the virtual clock' } }, async (req) => {
    ctx.clock.set(requireString(requireObject(req.body, 'body').now, 'now', 40));
    return { now: ctx.clock.now(), today: ctx.clock.today() };
  });
  app.post('/_emulator/clock/advance', { schema: { tags, summary: 'Move the virtual clock forward by whole days' } }, async (req) => {
    ctx.clock.advance(requireInt(requireObject(req.body, 'body').days, 'days', 0, 36500));
    return { now: ctx.clock.now(), today: ctx.clock.today() };
  });
  app.post('/_emulator/smartservers', { schema: { tags, summary: 'Add a SmartServer to the fleet with its CMS users and devices' } }, async (req, reply) => {
    reply.code(201);
    return createSmartServer(ctx, req.body);
  });
  app.get('/_emulator/smartservers', { schema: { tags, summary: 'List the fleet' } }, async () => listSmartServers(ctx));
  app.put<{ Params: { installCode: string } }>('/_emulator/smartservers/:installCode/connection', {
    schema: { tags, summary: 'Connect a SmartServer to the Internet or cut it off' },
  }, async (req) => setOnline(ctx, req.params.installCode, optionalBoolean(requireObject(req.body, 'body').online, 'online') ?? true));
}

export function healthRoute(app: FastifyInstance, emulator: Emulator): void {
  app.get('/_emulator/health', { schema: { tags, summary: 'Liveness and where the data lives' } }, async () => ({
    status: 'ok', dataFile: emulator.dataFile, now: emulator.ctx.clock.now(),
  }));
}
