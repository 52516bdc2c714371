import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Emulator } from '../../kernel/emulator';
import { fleetMembership, getFleet, listFleets, resolveCustomerIds } from './store';
import { getSmartServer, installCodeParams, SmartServerSchema } from '../../services/smartserver';
import { optionalString, requireString } from '../../kernel/validate';
import { requireFleetDescription } from './description';
import type { Deployment } from './deployment';
import { createFleet, loadOwnShare, removeFleetEverywhere, topologyOf, whereMembersAre } from './service';
import { arrayOf, count, email, filled, installCode, type JsonSchema, nullable, object, orEmpty, responses, text, uuid } from '../../api-kit/schemas';
import { PUBLIC } from '../../api-kit/security';
import { findPartnerByEmail } from '../../kernel/accounts';
import { notFound } from '../../kernel/problems';
import { readPageRequest } from '../../kernel/paging';
import { asksForPage, PAGED, pagingQuery, type PagingQuery, sendPage } from '../../api-kit/paging';
import fleetSchema from './fleet.schema.json';

const tags = ['admin'];
const nullableText = (description: string) => nullable(text(description));

const FleetSummarySchema = object(
  'FleetSummary',
  {
    name: { type: 'string' },
    description: nullableText('free text from the fleet file'),
    seed: { type: ['integer', 'string'], description: 'the seed the fleet was made with; the same file and seed make the same fleet' },
    password: { type: 'string', description: 'the password of every CMS user of the fleet: in the answer that made it only (it is stored hashed)' },
    createdAt: { type: 'string', description: 'the virtual time it was made' },
    shards: count('how many processes serve its SmartServers'),
    smartServers: count('SmartServers in the fleet'),
    pi: count('of them SmartServer Pi'),
    online: count('of them connected to the Internet'),
    devices: object(undefined, { lon: count('LON devices'), bacnet: count('BACnet devices'), modbus: count('Modbus devices'), total: count('all devices') }),
    groups: arrayOf(
      object('FleetGroupSummary', {
        group: { type: 'string' },
        count: count('SmartServers in the group'),
        customer: nullableText('the customer named in the fleet file'),
        customerId: nullableText('the Customer ID saved on them, when that customer exists'),
      }),
    ),
  },
  ['password'],
);

const FleetMemberSchema = object(
  'FleetMember',
  {
    installCode: { type: 'string' },
    group: { type: 'string' },
    position: count('place in the fleet'),
    shard: { type: ['integer', 'null'], description: 'the shard serving it, when the fleet is split' },
    path: { type: 'string', description: 'where its CMS and REST paths are, on this process' },
    shardUrl: { type: 'string', description: 'the base URL of the shard process serving it directly (sharded emulator only)' },
  },
  ['shardUrl'],
);

/**
 * fleet.schema.json as one self-contained schema for the API document: its `$defs` written in
 * place (none refers to itself), named FleetDescription.
 */
function fleetDescriptionSchema(): JsonSchema {
  const { $defs: defs, $schema: _dialect, $id: _id, title: _title, ...root } = fleetSchema as JsonSchema & { $defs: Record<string, unknown> };
  const inline = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(inline);
    if (typeof value !== 'object' || value === null) return value;
    const { $ref, ...rest } = value as Record<string, unknown>;
    if (typeof $ref === 'string' && $ref.startsWith('#/$defs/')) return inline({ ...(defs[$ref.slice('#/$defs/'.length)] as object), ...rest });
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, inline(v)]));
  };
  return { title: 'FleetDescription', ...(inline(root) as JsonSchema) };
}

const FleetDescriptionSchema = fleetDescriptionSchema();

const nameParams = object(undefined, {
  name: {
    type: 'string',
    pattern: fleetSchema.properties.name.pattern,
    description: "the fleet's name: lowercase letters, digits and dashes (campus, qa-lab-2)",
  },
});

/**
 * Fleets through the admin API, the same operations as `sslab fleet` on a data file. A sharded
 * emulator's portal-and-cloud process plans each fleet and hands every shard its share.
 */
export function fleetRoutes(app: FastifyInstance, emulator: Emulator, deployment: Deployment): void {
  const { ctx } = emulator;
  type Named = FastifyRequest<{ Params: { name: string } }>;

  app.post(
    '/_emulator/fleets',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'Create a fleet of SmartServers from a fleet description (emulator/control-plane/fleets/fleet.schema.json)',
        requestBody: FleetDescriptionSchema,
        response: responses({ 201: FleetSummarySchema }),
      },
    },
    async (req, reply) => {
      const summary = await createFleet(ctx, deployment, requireFleetDescription(req.body));
      reply.code(201);
      return summary;
    },
  );
  app.get(
    '/_emulator/fleets',
    { schema: { tags, security: PUBLIC, summary: 'The fleets, in the order they were made', response: responses({ 200: arrayOf(FleetSummarySchema) }) } },
    async () => listFleets(ctx),
  );
  app.get(
    '/_emulator/fleets/:name',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'One fleet: its seed, password, groups and counts',
        params: nameParams,
        response: responses({ 200: FleetSummarySchema }),
      },
    },
    async (req: Named) => getFleet(ctx, req.params.name),
  );
  app.get(
    '/_emulator/fleets/:name/smartservers',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: `A fleet's SmartServers in fleet order and where each one is served: every one of them, or with limit or cursor one page.${PAGED}`,
        params: nameParams,
        querystring: object(undefined, pagingQuery('SmartServers'), ['limit', 'cursor']),
        response: responses({ 200: arrayOf(FleetMemberSchema) }),
      },
    },
    async (req: FastifyRequest<{ Params: { name: string }; Querystring: PagingQuery }>, reply) => {
      const paged = asksForPage(req.query);
      const page = whereMembersAre(ctx, deployment, req.params.name, paged ? readPageRequest(req.query) : undefined);
      return paged ? sendPage(req, reply, page) : page.items;
    },
  );
  app.delete(
    '/_emulator/fleets/:name',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'Remove a fleet and its SmartServers (licenses activated on them stay active in the cloud)',
        params: nameParams,
        response: responses({ 200: object('RemovedFleet', { name: { type: 'string' }, removedSmartServers: count('SmartServers removed') }) }),
      },
    },
    async (req: Named) => removeFleetEverywhere(ctx, deployment, req.params.name),
  );
  app.post(
    '/_emulator/fleets/:name/share',
    {
      // A hundred thousand install codes take more than the default megabyte.
      bodyLimit: 16 * 1_048_576,
      schema: {
        tags,
        security: PUBLIC,
        summary: "Load this process's share of a fleet planned by the portal-and-cloud process ({fleet, installCodes, customerIds})",
        params: nameParams,
        requestBody: object(undefined, {
          fleet: FleetDescriptionSchema,
          installCodes: arrayOf(installCode(), { description: "one per SmartServer of the fleet, in the fleet's order" }),
          customerIds: arrayOf(nullable(uuid()), { description: 'one per group: the Customer ID to save on its SmartServers, or null' }),
        }),
        response: responses({ 201: FleetSummarySchema }),
      },
    },
    async (req: Named, reply) => {
      const summary = loadOwnShare(ctx, deployment, req.body, req.params.name);
      reply.code(201);
      return summary;
    },
  );
  app.get(
    '/_emulator/smartservers/:installCode',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'One SmartServer, with the fleet it belongs to',
        params: installCodeParams,
        response: responses({
          200: {
            ...SmartServerSchema,
            title: 'FleetSmartServer',
            properties: { ...(SmartServerSchema.properties as object), fleet: nullableText('the fleet it belongs to') },
          },
        }),
      },
    },
    async (req: FastifyRequest<{ Params: { installCode: string } }>) => ({
      ...getSmartServer(ctx, req.params.installCode),
      fleet: fleetMembership(ctx, req.params.installCode)?.fleet ?? null,
    }),
  );
  app.get(
    '/_emulator/customer-ids',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'The Customer ID of a customer by name (and partner email), for fleets whose SmartServers live in shard processes',
        querystring: object(
          undefined,
          { name: filled('the customer name'), partner: orEmpty(email("the partner's email, when customers of several partners share the name")) },
          ['partner'],
        ),
        response: responses({ 200: object('CustomerIdLookup', { name: { type: 'string' }, customerId: nullableText('null when no customer has that name') }) }),
      },
    },
    async (req: FastifyRequest<{ Querystring: { name?: string; partner?: string } }>) => {
      const name = requireString(req.query.name, 'name');
      const partner = optionalString(req.query.partner, 'partner');
      if (partner && !findPartnerByEmail(ctx, partner)) throw notFound('partner', partner);
      const [customerId] = resolveCustomerIds(ctx, [{ label: name, count: 1, customer: name, partner, users: [] }]);
      return { name, customerId };
    },
  );
  app.get(
    '/_emulator/topology',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'The part this process plays: all, the portals and cloud in front of shards, or one shard',
        response: responses({
          200: object(
            'Topology',
            {
              role: { type: 'string', enum: ['all', 'cloud', 'shard'] },
              shard: object(undefined, { index: count('this shard'), count: count('shards in all') }),
              cloudUrl: { type: 'string' },
              shards: arrayOf(object(undefined, { index: count('shard'), url: { type: 'string' } })),
            },
            ['shard', 'cloudUrl', 'shards'],
          ),
        }),
      },
    },
    async () => topologyOf(deployment),
  );
}
