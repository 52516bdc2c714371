import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page } from '../kernel/paging';
import { type JsonSchema, object } from './schemas';

/**
 * The query and headers of a list answered a page at a time (see kernel/paging.ts): `limit` and
 * `cursor` in, the items as the body with X-Total-Count, X-Next-Cursor and a Link rel="next" out.
 */

/** The query parameters of a paged list; `what` names its items in the descriptions. */
export function pagingQuery(what: string): Record<'limit' | 'cursor', JsonSchema> {
  return {
    limit: {
      type: 'string',
      pattern: '^(|(?=[0-9]{1,5}$)0*([1-9][0-9]{0,2}|1000))$',
      description: `how many ${what} to answer, 1 to ${MAX_PAGE_SIZE} (${DEFAULT_PAGE_SIZE} unless given)`,
    },
    cursor: {
      type: 'string',
      pattern: '^[A-Za-z0-9_-]{0,200}$',
      description: 'where the page starts: the X-Next-Cursor header of the page before; none for the first page',
    },
  };
}

export const PAGED =
  ' A page at a time: the X-Total-Count header gives how many there are in all, X-Next-Cursor (and a Link rel="next") where the next page starts.';

export type PagingQuery = { limit?: string; cursor?: string };

/** Whether the query asks for a page (a list that answers everything without one keeps doing so). */
export const asksForPage = (query: PagingQuery): boolean => Boolean(query.limit || query.cursor);

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

/** The query string of an operation that takes nothing but the paging parameters. */
export const pagingOnly = (what: string) => object(undefined, pagingQuery(what), ['limit', 'cursor']);
