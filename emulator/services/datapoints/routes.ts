import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { object, responses, type JsonSchema } from '../../api-kit/schemas';
import { iapAuth, PUBLIC } from '../../api-kit/security';
import type { Emulator } from '../../kernel/emulator';
import { forbidden } from '../../kernel/problems';
import { cmsLogin } from '../smartserver';
import { loginPage, readPage, savePage } from './pages';
import {
  CustomPageSchema,
  DatapointListSchema,
  DatapointPageSchema,
  DatapointPropertiesSchema,
  addressPart,
  DEVICE_KEYS,
  datapointNameFilter,
  datapointParams,
  pageQuery,
  tagText,
  TagsBodySchema,
  ValueBodySchema,
  WebLoginBodySchema,
} from './schemas';
import { addTags, datapointNamed, datapointProperties, readValuesText, removeTag, writeValue, type Address } from './service';
import { clearedSessionCookie, iapUser, logout, safeNext, sessionCookie, smartServerRoot } from './session';

type Params = { installCode: string; id: string; block: string; index: string; datapoint: string; tag?: string; name?: string };
type Req = FastifyRequest<{ Params: Params; Querystring: Record<string, string | undefined>; Body: unknown }>;

const tags = ['iap-rest'];
/** The REST paths take a CMS session token, or the session cookie the SmartServer's login page sets. */
const security = iapAuth;
const noContent = (description: string) => ({ 204: { description, type: 'null' } });

const bearerOf = (req: FastifyRequest) => {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
};
const addressOf = (p: Params): Address => ({ device: p.id, block: p.block, index: p.index, datapoint: p.datapoint });

/** IAP/REST datapoints, tags, logout, and the custom web pages a SmartServer serves with its login page. */
export function datapointRoutes(app: FastifyInstance, emulator: Emulator): void {
  const { ctx } = emulator;
  const user = (req: Req) => iapUser(ctx, req.params.installCode, bearerOf(req), req.headers.cookie);
  const op = (summary: string, success: Record<number, JsonSchema>, extra: FastifySchema = {}): { schema: FastifySchema } => ({
    schema: { tags, summary, security, response: responses(success), ...extra },
  });
  const base = '/smartservers/:installCode/iap/devs/:id/if/:block/:index/:datapoint';

  app.get(
    `${base}/value`,
    op(
      'Read datapoint values; with pg (and sz) one page of a snapshot, {snapshot, resources, remainingPages}. Refused for unlicensed devices',
      { 200: { oneOf: [DatapointListSchema, DatapointPageSchema] } },
      { params: datapointParams, querystring: pageQuery },
    ),
    async (req: Req, reply: FastifyReply) => {
      user(req);
      // Serialized here: with a oneOf response schema fastify would check the answer against each shape first.
      return reply.type('application/json; charset=utf-8').send(readValuesText(ctx, req.params.installCode, addressOf(req.params), req.query));
    },
  );
  app.put(
    `${base}/value`,
    op('Write a datapoint value (a bare JSON number; ?prio=1..17, 17 = Normal unless given). Refused for unlicensed devices', noContent('Written'), {
      params: datapointParams,
      querystring: { type: 'object', properties: { prio: { type: 'string', description: 'priority 1 (highest) to 16, or 17 (Normal, the default)' } } },
      requestBody: ValueBodySchema,
    }),
    async (req: Req, reply: FastifyReply) => {
      user(req);
      writeValue(ctx, req.params.installCode, addressOf(req.params), req.body, req.query.prio);
      return reply.code(204).send();
    },
  );
  app.post(
    `${base}/tags`,
    op('Tag the datapoints the address names (a datapoint property: allowed for unlicensed devices too)', noContent('Tagged'), {
      params: datapointParams,
      requestBody: TagsBodySchema,
    }),
    async (req: Req, reply: FastifyReply) => {
      user(req);
      addTags(ctx, req.params.installCode, addressOf(req.params), req.body);
      return reply.code(204).send();
    },
  );
  app.delete(
    `${base}/tags/:tag`,
    op('Remove one tag from the datapoints the address names', noContent('Untagged'), {
      params: {
        ...datapointParams,
        properties: { ...(datapointParams.properties as object), tag: tagText },
        required: [...(datapointParams.required as string[]), 'tag'],
      },
    }),
    async (req: Req, reply: FastifyReply) => {
      user(req);
      removeTag(ctx, req.params.installCode, addressOf(req.params), req.params.tag ?? '');
      return reply.code(204).send();
    },
  );
  app.post(
    '/smartservers/:installCode/iap/devs/:id/tags',
    op('Tag every datapoint of one name, on every device: POST /iap/devs/*+name=={datapoint}/tags', noContent('Tagged'), {
      params: {
        type: 'object',
        properties: { installCode: { type: 'string' }, id: datapointNameFilter },
        required: ['installCode', 'id'],
      },
      requestBody: TagsBodySchema,
    }),
    async (req: Req, reply: FastifyReply) => {
      user(req);
      addTags(ctx, req.params.installCode, datapointNamed(req.params.id), req.body);
      return reply.code(204).send();
    },
  );
  app.get(
    '/smartservers/:installCode/iap/devs/:id/if',
    op(
      'The datapoints of the devices a filter names, with their properties and tags (no values: allowed for unlicensed devices)',
      { 200: DatapointPropertiesSchema },
      {
        params: {
          type: 'object',
          properties: { installCode: { type: 'string' }, id: addressPart('a device number or name, or a filter (*+name==Room1)', DEVICE_KEYS) },
          required: ['installCode', 'id'],
        },
      },
    ),
    async (req: Req) => {
      user(req);
      return datapointProperties(ctx, req.params.installCode, req.params.id);
    },
  );
  app.post(
    '/smartservers/:installCode/iap/auth/logout',
    op('Log out: the session (token or cookie) is refused from now on, and the cookie is cleared', noContent('Logged out')),
    async (req: Req, reply: FastifyReply) => {
      logout(ctx, req.params.installCode, bearerOf(req), req.headers.cookie);
      return reply.code(204).header('set-cookie', clearedSessionCookie(req.params.installCode)).send();
    },
  );

  // The SmartServer's own web pages: its login page, and the custom pages partners upload.
  app.register(async (scope) => {
    scope.addContentTypeParser(['text/html', 'text/javascript', 'text/css'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    scope.get(
      '/smartservers/:installCode/user/login.html',
      {
        schema: {
          tags,
          security: PUBLIC,
          summary: "The SmartServer's login page for its web pages (?next= the page to return to)",
          querystring: {
            type: 'object',
            properties: {
              next: {
                type: 'string',
                maxLength: 2000,
                description: "the SmartServer's page to go on to after logging in; any other address is replaced by the SmartServer's root",
              },
            },
          },
          response: { 200: { description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } } },
        },
      },
      async (req: Req, reply: FastifyReply) => {
        const { installCode } = req.params;
        return reply.type('text/html; charset=utf-8').send(loginPage(installCode, safeNext(installCode, req.query.next)));
      },
    );
    scope.post(
      '/smartservers/:installCode/user/login',
      {
        schema: {
          tags,
          security: PUBLIC,
          summary:
            'Log in from the login page: sets the session cookie (HttpOnly, SameSite=Strict, this SmartServer only) and goes on to next; a script that asks for JSON (Accept: application/json) is answered 200 with where to go instead of the redirect',
          requestBody: WebLoginBodySchema,
          response: {
            200: { description: 'Logged in (asked for JSON): the page to go on to', ...object('WebLoginAnswer', { next: { type: 'string' } }) },
            303: { description: 'Logged in: on to next', type: 'null' },
          },
        },
      },
      async (req: Req, reply: FastifyReply) => {
        const { installCode } = req.params;
        const { token } = await cmsLogin(ctx, installCode, req.body, req.ip);
        const next = safeNext(installCode, (req.body as { next?: unknown } | undefined)?.next);
        reply.header('set-cookie', sessionCookie(installCode, token));
        if (req.headers.accept?.includes('application/json')) return { next };
        return reply.code(303).header('location', next).send();
      },
    );
    scope.put(
      '/smartservers/:installCode/user/pages/:name',
      {
        schema: {
          tags,
          summary: 'Upload a custom web page (HTML, script, style or JSON) to the SmartServer; an Owner or Admin',
          security,
          response: responses({ 200: CustomPageSchema }),
        },
      },
      async (req: Req) => {
        const who = user(req);
        if (who.userType !== 'Owner' && who.userType !== 'Admin') {
          throw forbidden('pages-need-admin', `Uploading web pages needs an Owner or Admin; ${who.username} is a ${who.userType}.`);
        }
        return savePage(ctx, req.params.installCode, req.params.name, req.body);
      },
    );
    scope.get(
      '/smartservers/:installCode/user/pages/:name',
      {
        schema: {
          tags,
          summary: 'A custom web page; a browser with no session goes to the login page first',
          security,
          response: {
            200: {
              description: 'The page as uploaded, as the type its name ends in',
              content: {
                'text/html': { schema: { type: 'string' } },
                'text/javascript': { schema: { type: 'string' } },
                'text/css': { schema: { type: 'string' } },
                'application/json': { schema: {} },
              },
            },
            302: { description: 'No session: on to the login page', type: 'null' },
            '4xx': responses({})['4xx'],
          },
        },
      },
      async (req: Req, reply: FastifyReply) => {
        const { installCode, name } = req.params;
        try {
          user(req);
        } catch (error) {
          if (!name?.endsWith('.html')) throw error;
          const next = `${smartServerRoot(installCode)}user/pages/${name}`;
          return reply
            .code(302)
            .header('location', `${smartServerRoot(installCode)}user/login.html?next=${encodeURIComponent(next)}`)
            .send();
        }
        const page = readPage(ctx, installCode, name ?? '');
        return reply.type(page.contentType).send(page.body);
      },
    );
  });
}
