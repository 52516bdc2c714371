import type { FastifyInstance } from 'fastify';
import type { Emulator } from '../kernel/emulator';
import { recordedTransitions } from '../kernel/coverage';
import {
  createSmartServer,
  getSmartServer,
  listSmartServers,
  setOnline,
  setProvisioningWaits,
  CreatedSmartServerSchema,
  installCodeParams,
  SmartServerSchema,
  smartServerBodies,
} from '../services/smartserver';
import { optionalBoolean, requireObject, requireInt, requireString } from '../kernel/validate';
import { changeMark } from './change-mark';
import { ClockSchema, CoverageSchema, controlBodies } from './schemas';
import { object, responses, arrayOf } from '../api-kit/schemas';
import { PUBLIC } from '../api-kit/security';

const tags = ['admin'];

const IapMqSchema = object(undefined, {
  url: { type: ['string', 'null'] },
  embedded: { type: 'boolean' },
  dropped: { type: 'integer', minimum: 0, description: "QoS 0 messages the embedded broker dropped because their subscriber's queue was full" },
});

const iapMqPlace = (emulator: Emulator) => ({
  url: emulator.iapMq?.url ?? null,
  embedded: emulator.iapMq?.embedded ?? false,
  dropped: emulator.iapMq?.dropped() ?? 0,
});

const ChangeMarkSchema = object('ChangeMark', { mark: { type: 'string', description: 'opaque; compare it with an earlier one for equality only' } });

/** The test-only control plane, apart from every vendor route; can be switched off. */
export function adminRoutes(app: FastifyInstance, emulator: Emulator): void {
  const { ctx } = emulator;
  app.post(
    '/_emulator/reset',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'Forget every account, license and SmartServer; put the clock back to its start',
        response: responses({ 200: object(undefined, { reset: { type: 'boolean', const: true }, now: { type: 'string', format: 'date-time' } }) }),
      },
    },
    async () => {
      emulator.reset();
      return { reset: true, now: ctx.clock.now() };
    },
  );
  app.get(
    '/_emulator/iap-mq',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary:
          "Where this emulator's IAP/MQ broker is (clients log in as user@installCode with a CMS user's password, or as _emulator to see every SmartServer); url is null when none runs, as on the front door of a sharded emulator, whose shards each run one (ask per SmartServer)",
        response: responses({ 200: IapMqSchema }),
      },
    },
    async () => iapMqPlace(emulator),
  );
  app.get<{ Params: { installCode: string } }>(
    '/_emulator/smartservers/:installCode/iap-mq',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary:
          "Where one SmartServer's IAP/MQ broker is: the broker of the process that serves it (a sharded emulator has one per shard, its front door none); url is null when none runs",
        params: installCodeParams,
        response: responses({ 200: IapMqSchema }),
      },
    },
    async (req) => {
      getSmartServer(ctx, req.params.installCode);
      return iapMqPlace(emulator);
    },
  );
  app.post(
    '/_emulator/iap-mq/settled',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'Answers once every IAP/MQ publication the clock moves so far caused went out (a fleet publishes one SmartServer at a time)',
        response: responses({ 200: object(undefined, { settled: { type: 'boolean', const: true } }) }),
      },
    },
    async () => {
      await emulator.iapMq?.settled();
      return { settled: true as const };
    },
  );
  app.get(
    '/_emulator/changes',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary:
          'A mark of everything a page can show: the same mark means nothing was written, the clock did not move and the faults on the way to the cloud are as they were, so a page read since shows what is current',
        response: responses({ 200: ChangeMarkSchema }),
      },
    },
    async () => ({ mark: changeMark(emulator) }),
  );
  app.get(
    '/_emulator/clock',
    { schema: { tags, security: PUBLIC, summary: 'Read the virtual clock', response: responses({ 200: ClockSchema }) } },
    async () => ({
      now: ctx.clock.now(),
      today: ctx.clock.today(),
    }),
  );
  app.put(
    '/_emulator/clock',
    { schema: { tags, security: PUBLIC, summary: 'Set the virtual clock', requestBody: controlBodies.setClock, response: responses({ 200: ClockSchema }) } },
    async (req) => {
      ctx.clock.set(requireString(requireObject(req.body, 'body').now, 'now', 40));
      return { now: ctx.clock.now(), today: ctx.clock.today() };
    },
  );
  app.post(
    '/_emulator/clock/advance',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'Move the virtual clock forward by whole days',
        requestBody: controlBodies.advanceClock,
        response: responses({ 200: ClockSchema }),
      },
    },
    async (req) => {
      ctx.clock.advance(requireInt(requireObject(req.body, 'body').days, 'days', 0, 36500));
      return { now: ctx.clock.now(), today: ctx.clock.today() };
    },
  );
  app.post(
    '/_emulator/smartservers',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'Add a SmartServer to the fleet with its CMS users and devices',
        requestBody: smartServerBodies.newSmartServer,
        bodyOptional: true,
        response: responses({ 201: CreatedSmartServerSchema }),
      },
    },
    async (req, reply) => {
      reply.code(201);
      return createSmartServer(ctx, req.body);
    },
  );
  app.get(
    '/_emulator/smartservers',
    { schema: { tags, security: PUBLIC, summary: 'List the fleet', response: responses({ 200: arrayOf(SmartServerSchema) }) } },
    async () => listSmartServers(ctx),
  );
  app.get(
    '/_emulator/coverage',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'Machine transitions performed since start (license, device, SmartServer), with counts',
        response: responses({
          200: CoverageSchema,
        }),
      },
    },
    async () => ({ transitions: recordedTransitions(ctx.db) }),
  );
  app.put<{ Params: { installCode: string } }>(
    '/_emulator/smartservers/:installCode/connection',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'Connect a SmartServer to the Internet or cut it off',
        params: installCodeParams,
        requestBody: controlBodies.connection,
        response: responses({ 200: SmartServerSchema }),
      },
    },
    async (req) => setOnline(ctx, req.params.installCode, optionalBoolean(requireObject(req.body, 'body').online, 'online') ?? true),
  );
  app.put<{ Params: { installCode: string } }>(
    '/_emulator/smartservers/:installCode/provisioning',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: "Make the SmartServer's devices finish provisioning only when they report back ({waitForReport: true}) or at once",
        params: installCodeParams,
        requestBody: controlBodies.provisioning,
        response: responses({ 200: object(undefined, { installCode: { type: 'string' }, waitForReport: { type: 'boolean' } }) }),
      },
    },
    async (req) => setProvisioningWaits(ctx, req.params.installCode, req.body),
  );
}

/**
 * Liveness, and nothing else: served with the admin API off too (process and container runtimes
 * poll it), so it tells no path, setting or time to whoever asks.
 */
export function healthRoute(app: FastifyInstance): void {
  app.get(
    '/_emulator/health',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'Liveness: the emulator is up',
        response: responses({ 200: object(undefined, { status: { type: 'string', const: 'ok' } }) }),
      },
    },
    async () => ({ status: 'ok' }),
  );
}
