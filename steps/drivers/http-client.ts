/** A problem-details answer from the system under test, kept for the scenario to assert on. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly field?: string,
    /** For a retired License ID: the License ID that replaced it. */
    readonly successorId?: string,
  ) {
    super(`${status} ${code}: ${detail}`);
    this.name = 'ApiProblem';
  }
}

/**
 * How a driver's requests reach the system under test: a function with fetch's signature. The
 * global fetch goes over the network; the in-process target hands each request to the emulator's
 * application (`injectTransport` in emulator/runtime).
 */
export type Transport = (url: string, init?: RequestInit) => Promise<Response>;

/** The global fetch, looked up at each call, so a fetch installed later (a test's stub, say) is the one used. */
export const globalFetch: Transport = (url, init) => fetch(url, init);

/** JSON over a transport against one base URL; a non-2xx answer becomes an ApiProblem. */
export class HttpClient {
  constructor(
    readonly baseUrl: string,
    private readonly transport: Transport = globalFetch,
  ) {}

  async call<T>(method: string, path: string, options: { body?: unknown; token?: string } = {}): Promise<T> {
    return (await this.exchange<T>(method, path, options)).data;
  }

  /**
   * One page of a list the API answers a page at a time: the items, the total (X-Total-Count)
   * and where the next page starts (X-Next-Cursor), when there is one.
   */
  async page<T>(path: string, token?: string): Promise<{ items: T[]; total: number; nextCursor?: string }> {
    const { data, response } = await this.exchange<T[]>('GET', path, { token });
    const headers = response.headers;
    const total = Number(headers.get('x-total-count') ?? data.length);
    return { items: data, total, nextCursor: headers.get('x-next-cursor') ?? undefined };
  }

  /** Every item of a paged list, following the cursors page by page (at most 10,000 pages). */
  async all<T>(path: string, token?: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10_000; pages++) {
      const separator = path.includes('?') ? '&' : '?';
      const page = await this.page<T>(cursor ? `${path}${separator}limit=1000&cursor=${encodeURIComponent(cursor)}` : `${path}${separator}limit=1000`, token);
      items.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) return items;
    }
    throw new Error(`${path} had more than 10,000 pages`);
  }

  private async exchange<T>(method: string, path: string, options: { body?: unknown; token?: string }): Promise<{ data: T; response: Response }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await this.transport(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    const data = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      throw new ApiProblem(response.status, data?.code ?? 'unknown', data?.detail ?? text, data?.field, data?.successorId);
    }
    return { data: data as T, response };
  }
}
