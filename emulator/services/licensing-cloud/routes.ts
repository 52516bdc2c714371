import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HeldLicense, SmartServerLicensing } from '../../../models/smartserver';
import { LicensingCloud } from './service';
import type { Emulator } from '../../kernel/emulator';
import { badInput, Problem } from '../../kernel/problems';
import { optionalString, requireArray, requireInstallCode, requireInt, requireObject, requireString, requireUuid } from '../../kernel/validate';
import { responses } from '../../api-kit/schemas';
import { cloudClientAuth } from '../../api-kit/security';
import { PAGED, pagingOnly, type PagingQuery, sendPage } from '../../api-kit/paging';
import { readPageRequest } from '../../kernel/paging';
import {
  CheckedOfflineFileSchema,
  CloudActivationSchema,
  CloudOfferListSchema,
  CloudOfflineActivationSchema,
  CloudReturnSchema,
  cloudBodies,
  customerIdParams,
  HELD_KINDS,
} from './schemas';

const tags = ['licensing cloud'];

/** The header a shard sends its cloud client key in. */
export const CLOUD_CLIENT_KEY_HEADER = 'x-cloud-client-key';

function readLicenseIds(value: unknown, field: string): string[] {
  return requireArray(value, field, 0, 100).map((id, i) => requireUuid(id, `${field}[${i}]`));
}

function readHeld(value: unknown, field: string): HeldLicense {
  const l = requireObject(value, field);
  const kind = requireString(l.kind, `${field}.kind`, 20) as HeldLicense['kind'];
  if (!HELD_KINDS.includes(kind)) throw badInput(`${field}.kind`, `must be one of ${HELD_KINDS.join(', ')}`);
  const mode = l.mode === 'online' || l.mode === 'offline' ? l.mode : undefined;
  if (!mode) throw badInput(`${field}.mode`, 'must be online or offline');
  return {
    licenseId: requireUuid(l.licenseId, `${field}.licenseId`),
    kind,
    capacity: requireInt(l.capacity, `${field}.capacity`, 0, 1_000_000),
    termYears: l.termYears === undefined || l.termYears === null ? undefined : requireInt(l.termYears, `${field}.termYears`, 1, 10),
    termEnd: optionalString(l.termEnd, `${field}.termEnd`, 10),
    activatedAt: requireString(l.activatedAt, `${field}.activatedAt`, 40),
    mode,
  };
}

/** The licensing state a SmartServer reports when it asks the cloud to activate licenses for it. */
function readLicensing(value: unknown): SmartServerLicensing {
  const s = requireObject(value, 'server');
  if (s.edition !== 'standard' && s.edition !== 'pi') throw badInput('server.edition', 'must be standard or pi');
  if (typeof s.online !== 'boolean') throw badInput('server.online', 'must be true or false');
  if (s.maintenanceRule !== 'exact' && s.maintenanceRule !== 'at-least') throw badInput('server.maintenanceRule', 'must be exact or at-least');
  return {
    installCode: requireInstallCode(s.installCode, 'server.installCode'),
    edition: s.edition,
    online: s.online,
    maintenanceRule: s.maintenanceRule,
    licenses: requireArray(s.licenses, 'server.licenses', 0, 1000).map((l, i) => readHeld(l, `server.licenses[${i}]`)),
  };
}

/**
 * The licensing cloud's side of what a SmartServer asks for, over HTTP. In one process the
 * SmartServers call the cloud directly; SmartServers emulated in shard processes call these
 * routes (remote.ts beside this file), as a real SmartServer calls the real cloud.
 */
export function cloudApiRoutes(app: FastifyInstance, emulator: Emulator): void {
  const cloud = new LicensingCloud(emulator.ctx);
  // Only the emulator's own shards call the cloud API; they prove it with the key they share.
  const onRequest = async (req: FastifyRequest) => {
    if (!emulator.ctx.tokens.isCloudClientKey(req.headers[CLOUD_CLIENT_KEY_HEADER])) {
      throw new Problem(
        401,
        'cloud-client-unknown',
        `The licensing cloud API answers the emulator's own SmartServer shards only, which send the key they share in the ${CLOUD_CLIENT_KEY_HEADER} header. SmartServers reach the cloud through their CMS.`,
      );
    }
  };
  app.get<{ Params: { customerId: string }; Querystring: PagingQuery }>(
    '/cloud/api/customers/:customerId/licenses',
    {
      onRequest,
      schema: {
        tags,
        security: cloudClientAuth,
        summary: `The licenses a Customer ID may download and activate (asked by a SmartServer).${PAGED}`,
        params: customerIdParams,
        querystring: pagingOnly('licenses'),
        response: responses({ 200: CloudOfferListSchema }),
      },
    },
    async (req, reply) => sendPage(req, reply, await cloud.available(requireUuid(req.params.customerId, 'customerId'), readPageRequest(req.query))),
  );
  app.post(
    '/cloud/api/activations',
    {
      onRequest,
      schema: {
        tags,
        security: cloudClientAuth,
        summary: 'Activate a batch of licenses for a SmartServer, all or none ({customerId, server, licenseIds})',
        requestBody: cloudBodies.activation,
        response: responses({ 200: CloudActivationSchema }),
      },
    },
    async (req) => {
      const input = requireObject(req.body, 'body');
      const licenseIds = readLicenseIds(input.licenseIds, 'licenseIds');
      if (licenseIds.length === 0) throw badInput('licenseIds', 'must name at least one license');
      return cloud.activate({ customerId: requireUuid(input.customerId, 'customerId'), server: readLicensing(input.server), licenseIds }, (held) => ({ held }));
    },
  );
  app.post(
    '/cloud/api/offline-files/checks',
    {
      onRequest,
      schema: {
        tags,
        security: cloudClientAuth,
        summary: "Check an offline activation file's signature and read it ({file: its text})",
        requestBody: cloudBodies.offlineFile,
        response: responses({ 200: CheckedOfflineFileSchema }),
      },
    },
    async (req) => cloud.checkOfflineFile(requireObject(req.body, 'body').file),
  );
  app.post(
    '/cloud/api/offline-files/activations',
    {
      onRequest,
      schema: {
        tags,
        security: cloudClientAuth,
        summary: 'Record that a SmartServer loaded an offline activation file, activating its license offline ({file, server})',
        requestBody: cloudBodies.offlineActivation,
        response: responses({ 200: CloudOfflineActivationSchema }),
      },
    },
    async (req) => {
      const input = requireObject(req.body, 'body');
      return cloud.redeemOfflineFile({ text: input.file, server: readLicensing(input.server) }, (held) => ({ held }));
    },
  );
  app.post(
    '/cloud/api/returns',
    {
      onRequest,
      schema: {
        tags,
        security: cloudClientAuth,
        summary: 'Take licenses back from a SmartServer ({installCode, licenseIds})',
        requestBody: cloudBodies.returns,
        response: responses({ 200: CloudReturnSchema }),
      },
    },
    async (req) => {
      const input = requireObject(req.body, 'body');
      const request = { installCode: requireInstallCode(input.installCode, 'installCode'), licenseIds: readLicenseIds(input.licenseIds, 'licenseIds') };
      return cloud.giveBack(request, () => ({ returned: request.licenseIds }));
    },
  );
}
