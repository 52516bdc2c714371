import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page } from '../kernel/paging';
import { type JsonSchema, object } from './schemas';

/** The query parameters of a list that can grow: a page size and where the page starts. */
export const PAGING_QUERY: Record<'limit' | 'cursor', JsonSchema> = {
  limit: {
    type: 'string',
    pattern: '^(|(?=[0-9]{1,5}$)0*([1-9][0-9]{0,2}|1000))$',
    description: `how many items to answer, 1 to ${MAX_PAGE_SIZE} (${DEFAULT_PAGE_SIZE} unless given)`,
  },
  cursor: {
    type: 'string',
    pattern: '^[A-Za-z0-9_-]{0,200}$',
    description: 'where the page starts: the X-Next-Cursor header of the page before; none for the first page',
  },
};

/** The query string of an operation that takes nothing but the paging parameters. */
export const PAGING_ONLY = object(undefined, PAGING_QUERY, ['limit', 'cursor']);

/** What a paged operation's summary adds, so the API document says how its pages work. */
export const PAGED = ` A page at a time: the X-Total-Count header gives how many there are in all, X-Next-Cursor (and a Link rel="next") where the next page starts.`;

export type PagingQuery = { limit?: string; cursor?: string };

/** Answers one page: its items as the body, the total and the next page in headers, so a client that reads the body alone keeps working. */
export function sendPage<T>(request: FastifyRequest, reply: FastifyReply, page: Page<T>): T[] {
  reply.header('x-total-count', String(page.total));
  if (page.nextCursor) {
    const next = new URL(request.url, 'http://emulator.invalid');
    next.searchParams.set('cursor', page.nextCursor);
    reply.header('x-next-cursor', page.nextCursor);
    reply.header('link', `<${next.pathname}${next.search}>; rel="next"`);
  }
  return page.items;
}
