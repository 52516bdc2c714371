import { fromBase64, fromUtf8, toBase64Url, utf8 } from './encoding';
import { badInput } from './problems';

/** Items per page when the caller names no limit, and the most it may ask for. */
export const DEFAULT_PAGE_SIZE = 200;
export const MAX_PAGE_SIZE = 1000;

/** Where a page starts: after the record with this position (0: from the first). */
export interface PageRequest {
  limit: number;
  after: number;
}

/** One page of a list that can grow: its items, how many there are in all, and the cursor of the next page when there is one. */
export interface Page<T> {
  items: T[];
  total: number;
  nextCursor?: string;
}

/** The first page, of `limit` items. */
export const firstPage = (limit = DEFAULT_PAGE_SIZE): PageRequest => ({ limit, after: 0 });

export const cursorAfter = (position: number): string => toBase64Url(utf8(JSON.stringify({ after: position })));

/**
 * One page of a list held whole in memory, the position being the place in the list: for lists
 * whose order is not their order of creation (by name) and that are read whole anyway.
 */
export function pageOf<T>(all: readonly T[], request: PageRequest): Page<T> {
  const end = request.after + request.limit;
  return { items: all.slice(request.after, end), total: all.length, ...(end < all.length ? { nextCursor: cursorAfter(end) } : {}) };
}

/** Reads `limit` and `cursor` from a query string; a bad one is named with its rule. */
export function readPageRequest(query: { limit?: unknown; cursor?: unknown }): PageRequest {
  let limit = DEFAULT_PAGE_SIZE;
  if (query.limit !== undefined && query.limit !== '') {
    const text = String(query.limit);
    limit = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
    if (!(limit >= 1 && limit <= MAX_PAGE_SIZE)) throw badInput('limit', `must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  let after = 0;
  if (query.cursor !== undefined && query.cursor !== '') {
    const text = String(query.cursor);
    try {
      if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) throw new Error('not base64url');
      const parsed = JSON.parse(fromUtf8(fromBase64(text))) as { after?: unknown };
      if (!Number.isSafeInteger(parsed.after) || (parsed.after as number) < 0) throw new Error('no position');
      after = parsed.after as number;
    } catch {
      throw badInput('cursor', 'must be the nextCursor of an earlier page, unchanged');
    }
  }
  return { limit, after };
}
