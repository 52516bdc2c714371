import type { FastifyInstance } from 'fastify';
import type { Emulator } from '../../kernel/emulator';
import { logOut, LoggedOutSchema } from '../../api-kit/auth';
import { ecoStruxureLogin, ecoStruxureSession, requireEcoStruxureSession } from './login';
import { arrayOf, filled, object, responses } from '../../api-kit/schemas';
import { PAGED, pagingOnly, type PagingQuery, sendPage } from '../../api-kit/paging';
import { pageOf, readPageRequest } from '../../kernel/paging';
import { activateOnline, assignLicense, createRequestFile, deactivateLicense, loadResponseFile, returnOnline } from './device-administrator';
import { addEntitlement, issueEntitlement, listEntitlements, orderInformation } from './entitlements';
import { answerRequestFile, confirmReturn } from './license-server';
import {
  ConfirmedReturnSchema,
  EcxEntitlementSchema,
  EcxFileSchema,
  EcxLicenseSchema,
  EcxIssuedEntitlementSchema,
  EcxServerSchema,
  ecxRequestBodies,
  entitlementParams,
  licensesAnswer,
  LoadedResponseSchema,
  requestParams,
  serverLicenseParams,
  serverParams,
} from './schemas';
import { clearEcoStruxure } from './tables';
import { createServer, listServers, showServer, updateServerNetwork } from './servers';
import { ecoStruxureAuth, PUBLIC } from '../../api-kit/security';

type ServerReq = { Params: { serverId: string } };

/** The Device Administrator's login, and (with the control plane on) where a test reads the account. */
export function ecoStruxureLoginRoutes(app: FastifyInstance, emulator: Emulator): void {
  const { ctx } = emulator;
  app.post(
    '/ecostruxure/api/session',
    {
      schema: {
        tags: ['ecostruxure device administrator'],
        security: PUBLIC,
        summary: "Log in as the emulator's Device Administrator operator (printed at start; --ecostruxure-password sets it)",
        requestBody: object(undefined, { username: filled(undefined, 100), password: filled(undefined, 200) }),
        response: responses({ 200: object('EcxSession', { token: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } }) }),
      },
    },
    async (req) => ecoStruxureSession(ctx, req.body, req.ip),
  );
  app.delete(
    '/ecostruxure/api/session',
    {
      schema: {
        tags: ['ecostruxure device administrator'],
        security: ecoStruxureAuth,
        summary: 'Log out: the session token is refused from now on',
        response: responses({ 200: LoggedOutSchema }),
      },
    },
    async (req) => logOut(emulator, req, () => requireEcoStruxureSession(emulator, req)),
  );
}

/** Device Administrator: entitlements, servers, assignment, activation and return. */
export function deviceAdministratorRoutes(app: FastifyInstance, emulator: Emulator): void {
  const { ctx } = emulator;
  const tags = ['ecostruxure device administrator'];
  const base = '/ecostruxure/api';
  const onServer = { tags, security: PUBLIC, params: serverParams };

  app.get(
    `${base}/entitlements`,
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: `The entitlements added, with the seats of every license feature.${PAGED}`,
        querystring: pagingOnly('entitlements'),
        response: responses({ 200: arrayOf(EcxEntitlementSchema) }),
      },
    },
    async (req, reply) => sendPage(req, reply, pageOf(listEntitlements(ctx), readPageRequest(req.query as PagingQuery))),
  );
  app.post(
    `${base}/entitlements`,
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'Add an entitlement from its HTML certificate file or its entitlement ID',
        requestBody: ecxRequestBodies.addEntitlement,
        response: responses({ 201: EcxEntitlementSchema }),
      },
    },
    async (req, reply) => {
      const added = addEntitlement(ctx, req.body);
      reply.code(201);
      return added;
    },
  );
  app.get(
    `${base}/servers`,
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: `The EcoStruxure BMS servers with their licenses.${PAGED}`,
        querystring: pagingOnly('servers'),
        response: responses({ 200: arrayOf(EcxServerSchema) }),
      },
    },
    async (req, reply) => sendPage(req, reply, pageOf(listServers(ctx), readPageRequest(req.query as PagingQuery))),
  );
  app.get<ServerReq>(
    `${base}/servers/:serverId`,
    { schema: { ...onServer, summary: 'One server with its licenses', response: responses({ 200: EcxServerSchema }) } },
    async (req) => showServer(ctx, req.params.serverId),
  );
  app.post<ServerReq>(
    `${base}/servers/:serverId/assignments`,
    {
      schema: {
        ...onServer,
        summary: 'Assign seats of a license feature of a license product to the server',
        requestBody: ecxRequestBodies.assign,
        response: responses({ 201: EcxLicenseSchema }),
      },
    },
    async (req, reply) => {
      const license = assignLicense(ctx, req.params.serverId, req.body);
      reply.code(201);
      return license;
    },
  );
  app.post(
    `${base}/activations`,
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'Activate assigned licenses online, on all servers or on the chosen ones',
        requestBody: ecxRequestBodies.activate,
        bodyOptional: true,
        response: responses({ 200: licensesAnswer('activated') }),
      },
    },
    async (req) => activateOnline(ctx, req.body),
  );
  app.post<{ Params: { serverId: string; licenseId: string } }>(
    `${base}/servers/:serverId/licenses/:licenseId/deactivation`,
    {
      schema: {
        tags,
        security: PUBLIC,
        params: serverLicenseParams,
        summary: 'Deactivate one license: always refused, an activated license stays until the server returns all',
        response: responses({ 200: object(undefined, {}) }),
      },
    },
    async (req) => deactivateLicense(ctx, req.params.serverId, req.params.licenseId),
  );
  app.post<ServerReq>(
    `${base}/servers/:serverId/activation-request`,
    {
      schema: {
        ...onServer,
        summary: "Offline: write the activation request file of the server's assigned licenses",
        response: responses({ 201: EcxFileSchema }),
      },
    },
    async (req, reply) => {
      const file = createRequestFile(ctx, req.params.serverId, 'activation');
      reply.code(201);
      return file;
    },
  );
  app.post<ServerReq>(
    `${base}/servers/:serverId/activation-response`,
    {
      schema: {
        ...onServer,
        summary: 'Offline: send the activation response file to the server',
        requestBody: ecxRequestBodies.file,
        response: responses({ 200: LoadedResponseSchema }),
      },
    },
    async (req) => loadResponseFile(ctx, req.params.serverId, 'activation', req.body),
  );
  app.post<ServerReq>(
    `${base}/servers/:serverId/return`,
    {
      schema: { ...onServer, summary: 'Return all licenses of the server online', response: responses({ 200: licensesAnswer('returned') }) },
    },
    async (req) => returnOnline(ctx, req.params.serverId),
  );
  app.post<ServerReq>(
    `${base}/servers/:serverId/return-request`,
    {
      schema: {
        ...onServer,
        summary: "Offline: write the return request file of all the server's active licenses",
        response: responses({ 201: EcxFileSchema }),
      },
    },
    async (req, reply) => {
      const file = createRequestFile(ctx, req.params.serverId, 'return');
      reply.code(201);
      return file;
    },
  );
  app.post<ServerReq>(
    `${base}/servers/:serverId/return-response`,
    {
      schema: {
        ...onServer,
        summary: 'Offline: send the return response file to the server',
        requestBody: ecxRequestBodies.file,
        response: responses({ 200: LoadedResponseSchema }),
      },
    },
    async (req) => loadResponseFile(ctx, req.params.serverId, 'return', req.body),
  );
}

/** The License Activation Server: order information, request files in and response files out, return confirmation. */
export function licenseActivationServerRoutes(app: FastifyInstance, emulator: Emulator): void {
  const { ctx } = emulator;
  const tags = ['ecostruxure license activation server'];
  const base = '/ecostruxure/las/api';
  app.get<{ Params: { entitlementId: string } }>(
    `${base}/entitlements/:entitlementId`,
    {
      schema: {
        tags,
        security: PUBLIC,
        params: entitlementParams,
        summary: 'Order information of an entitlement: every license product it holds',
        response: responses({ 200: EcxEntitlementSchema }),
      },
    },
    async (req) => orderInformation(ctx, req.params.entitlementId),
  );
  app.post(
    `${base}/responses`,
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'Upload a request file (activation or return) and receive its response file',
        requestBody: ecxRequestBodies.file,
        response: responses({ 200: EcxFileSchema }),
      },
    },
    async (req) => answerRequestFile(ctx, req.body),
  );
  app.post<{ Params: { requestId: string } }>(
    `${base}/returns/:requestId/confirmation`,
    {
      schema: {
        tags,
        security: PUBLIC,
        params: requestParams,
        summary: 'Confirm an offline return, so its licenses can be assigned and activated again',
        response: responses({ 200: ConfirmedReturnSchema }),
      },
    },
    async (req) => confirmReturn(ctx, req.params.requestId),
  );
}

/** The test-only control plane of EcoStruxure: entitlements "sent by email", the servers and their network. */
export function ecoStruxureAdminRoutes(app: FastifyInstance, emulator: Emulator): void {
  const { ctx } = emulator;
  const tags = ['admin'];
  const base = '/_emulator/ecostruxure';
  app.get(
    `${base}/login`,
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: "EcoStruxure: the Device Administrator operator's user name and password, for a test to log in with",
        response: responses({ 200: object('EcxLogin', { username: { type: 'string' }, password: { type: 'string' } }) }),
      },
    },
    async () => ecoStruxureLogin(ctx),
  );
  app.post(
    `${base}/entitlements`,
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'EcoStruxure: sell an entitlement and send its email with the HTML certificate',
        requestBody: ecxRequestBodies.issue,
        response: responses({ 201: EcxIssuedEntitlementSchema }),
      },
    },
    async (req, reply) => {
      const issued = issueEntitlement(ctx, req.body);
      reply.code(201);
      return issued;
    },
  );
  app.post(
    `${base}/servers`,
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'EcoStruxure: add a BMS server (AS-P, AS-B or Edge Server)',
        requestBody: ecxRequestBodies.newServer,
        response: responses({ 201: EcxServerSchema }),
      },
    },
    async (req, reply) => {
      const server = createServer(ctx, req.body);
      reply.code(201);
      return server;
    },
  );
  app.patch<ServerReq>(
    `${base}/servers/:serverId`,
    {
      schema: {
        tags,
        security: PUBLIC,
        params: serverParams,
        summary: "EcoStruxure: switch a server's Internet access, HTTPS or certificates",
        requestBody: ecxRequestBodies.network,
        response: responses({ 200: EcxServerSchema }),
      },
    },
    async (req) => updateServerNetwork(ctx, req.params.serverId, req.body),
  );
  app.post(
    `${base}/reset`,
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'EcoStruxure: forget every entitlement, server and license',
        response: responses({ 200: object(undefined, { reset: { type: 'boolean', const: true } }) }),
      },
    },
    async () => {
      clearEcoStruxure(ctx.db);
      return { reset: true };
    },
  );
}
