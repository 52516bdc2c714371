import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { arrayOf, int, object, text } from '../api-kit/schemas';
import { PUBLIC } from '../api-kit/security';
import { isProblemCode, PROBLEM_CATALOGUE, PROBLEM_CODES, type ProblemCode, problemType } from '../kernel/problem-catalogue';
import { Problem } from '../kernel/problems';

/**
 * The problem catalogue over HTTP: `/problems` lists every code and `/problems/{code}` describes one,
 * so the `type` of every problem details answer resolves. JSON by default; HTML for a browser.
 */

export const ProblemEntrySchema = object('ProblemEntry', {
  code: text('the stable code a refusal carries'),
  type: text('the URI every problem of this code names as its type'),
  status: int(400, 599, 'the HTTP status it is answered with'),
  title: text('plain words for it, the title pages show'),
  meaning: text('what happened'),
  wayOut: text('what the caller can do about it'),
  operations: arrayOf(text(), { description: 'the operations that answer it, as METHOD /path' }),
});

export type ProblemEntryAnswer = {
  code: ProblemCode;
  type: string;
  status: number;
  title: string;
  meaning: string;
  wayOut: string;
  operations: string[];
};

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(heading: string, entries: readonly ProblemEntryAnswer[]): string {
  const sections = entries.map(
    (
      e,
    ) => `<section id="${escapeHtml(e.code)}"><h2><a href="${escapeHtml(e.type)}"><code>${escapeHtml(e.code)}</code></a>: ${escapeHtml(e.title)} <small>HTTP ${e.status}</small></h2>
<p>${escapeHtml(e.meaning)}</p><p><strong>Way out:</strong> ${escapeHtml(e.wayOut)}</p>
${e.operations.length ? `<p>Answered by: ${e.operations.map((o) => `<code>${escapeHtml(o)}</code>`).join(', ')}</p>` : ''}</section>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(heading)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}small{color:#666;font-weight:normal}code{font-size:.95em}</style></head>
<body><h1>${escapeHtml(heading)}</h1><p><a href="/problems">Every problem</a> · <a href="/docs">The API</a></p>
${sections.join('\n')}
</body></html>
`;
}

const wantsHtml = (request: FastifyRequest) => {
  const accept = request.headers.accept ?? '';
  return /text\/html/.test(accept) && !/application\/(problem\+)?json/.test(accept);
};

function answer(request: FastifyRequest, reply: FastifyReply, heading: string, body: ProblemEntryAnswer | ProblemEntryAnswer[]) {
  if (!wantsHtml(request)) return body;
  return reply.type('text/html; charset=utf-8').send(page(heading, Array.isArray(body) ? body : [body]));
}

/** Registers /problems and /problems/{code}; `operationsOf` reads the API document once routes are complete. */
export function problemCatalogueRoutes(app: FastifyInstance, operationsOf: (code: ProblemCode) => readonly string[]): void {
  const entryOf = (code: ProblemCode): ProblemEntryAnswer => ({
    code,
    type: problemType(code),
    ...PROBLEM_CATALOGUE[code],
    operations: [...operationsOf(code)],
  });
  const tags = ['meta'];
  const html = { 'text/html': { schema: { type: 'string' } } };
  app.get(
    '/problems',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'The problem catalogue: every code a refusal may carry, with its meaning and way out',
        response: {
          200: {
            description: 'Every problem code, as JSON or (for a browser) an HTML page',
            content: { 'application/json': { schema: arrayOf(ProblemEntrySchema) }, ...html },
          },
        },
      },
    },
    async (request, reply) => answer(request, reply, 'Problems the API answers with', PROBLEM_CODES.map(entryOf)),
  );
  app.get<{ Params: { code: string } }>(
    '/problems/:code',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: "One problem code: what a problem's `type` points to",
        params: object(undefined, {
          code: { type: 'string', pattern: '^[a-z0-9]+([-.][a-z0-9]+)*$', description: 'a problem code, as problem details carry it' },
        }),
        response: {
          200: {
            description: 'The problem code, as JSON or (for a browser) an HTML page',
            content: { 'application/json': { schema: ProblemEntrySchema }, ...html },
          },
        },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      if (!isProblemCode(code)) throw new Problem(404, 'problem-not-found', `No problem has the code ${code}; /problems lists them all.`, 'code');
      return answer(request, reply, `Problem ${code}`, entryOf(code));
    },
  );
}
