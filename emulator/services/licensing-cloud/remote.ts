import type { HeldLicense, SmartServerLicensing } from '../../../models/smartserver';
import type { ActivationRequest, CloudLicense, LicensingCloudPort, OfflineFile } from '../../kernel/ports';
import { Problem } from '../../kernel/problems';
import { cursorAfter, type Page, type PageRequest } from '../../kernel/paging';
import { isProblemCode } from '../../kernel/problem-catalogue';
import { CLOUD_CLIENT_KEY_HEADER } from './routes';

type ProblemStatus = Problem['status'];

/** An answer's JSON, or undefined when it has none (an empty body, or a page from something else). */
export function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}
const PASSED_ON: readonly number[] = [400, 401, 403, 404, 409, 422, 429, 501, 503, 504];

/**
 * The licensing cloud as a SmartServer in a shard process reaches it: over HTTP, at the cloud
 * routes (/cloud/api) of the portal-and-cloud process, as real SmartServers reach the real cloud.
 * The cloud's refusals come back as the same problems, so a SmartServer answers its CMS client
 * exactly as it would in one process.
 */
export class HttpLicensingCloud implements LicensingCloudPort {
  /**
   * `clientKey`: what the cloud API asks of its callers (see TokenIssuer.cloudClientKey); `send`:
   * how requests go out, the global fetch unless the process has a cheaper one of its own.
   */
  constructor(
    private readonly baseUrl: string,
    private readonly clientKey: string,
    private readonly timeoutMs = 15_000,
    private readonly send: (url: string, init: RequestInit) => Promise<Response> = (url, init) => fetch(url, init),
  ) {}

  /** The cloud answers the page the SmartServer's client asked for, with the same total and cursor. */
  async available(customerId: string, page: PageRequest): Promise<Page<CloudLicense>> {
    const query = `limit=${page.limit}${page.after ? `&cursor=${cursorAfter(page.after)}` : ''}`;
    const { data, headers } = await this.exchange<CloudLicense[]>(
      'GET',
      `/cloud/api/customers/${encodeURIComponent(customerId)}/licenses?${query}`,
      undefined,
      'listing the licenses to download',
    );
    const nextCursor = headers.get('x-next-cursor') ?? undefined;
    return { items: data, total: Number(headers.get('x-total-count') ?? data.length), ...(nextCursor ? { nextCursor } : {}) };
  }

  /**
   * The cloud activates in its own transaction; the SmartServer records the licenses once the answer
   * is back. Should recording fail, the licenses are given back so that neither side keeps half.
   */
  async activate<T>(request: ActivationRequest, record: (held: HeldLicense[]) => T): Promise<T> {
    // The cloud adds up the licenses it is sent itself: totals are a shortcut between parts of one process.
    const { totals: _totals, ...body } = request;
    const { held } = await this.call<{ held: HeldLicense[] }>('POST', '/cloud/api/activations', body, 'activating the licenses');
    try {
      return record(held);
    } catch (error) {
      await this.call('POST', '/cloud/api/returns', { installCode: request.server.installCode, licenseIds: held.map((l) => l.licenseId) }, 'giving back').catch(
        () => undefined,
      );
      throw error;
    }
  }

  async giveBack<T>(request: { installCode: string; licenseIds: string[] }, record: () => T): Promise<T> {
    await this.call('POST', '/cloud/api/returns', request, 'returning the licenses');
    return record();
  }

  async checkOfflineFile(text: unknown): Promise<OfflineFile> {
    return this.call<OfflineFile>('POST', '/cloud/api/offline-files/checks', { file: text }, 'checking the offline activation file');
  }

  /** The cloud's records of the file are kept in step; should the SmartServer not hold the license after all, the license goes back. */
  async redeemOfflineFile<T>(request: { text: unknown; server: SmartServerLicensing }, record: (held: HeldLicense) => T): Promise<T> {
    const { held } = await this.call<{ held: HeldLicense }>(
      'POST',
      '/cloud/api/offline-files/activations',
      { file: request.text, server: request.server },
      'recording the offline activation',
    );
    try {
      return record(held);
    } catch (error) {
      await this.call('POST', '/cloud/api/returns', { installCode: request.server.installCode, licenseIds: [held.licenseId] }, 'giving back').catch(
        () => undefined,
      );
      throw error;
    }
  }

  private async call<T>(method: string, path: string, body: unknown, what: string): Promise<T> {
    return (await this.exchange<T>(method, path, body, what)).data;
  }

  private async exchange<T>(method: string, path: string, body: unknown, what: string): Promise<{ data: T; headers: Headers }> {
    const unchanged = 'Nothing was changed: the SmartServer keeps its licenses and devices as they were. Try again later.';
    let response: Response;
    try {
      response = await this.send(`${this.baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          [CLOUD_CLIENT_KEY_HEADER]: this.clientKey,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError')
        throw new Problem(504, 'cloud-timeout', `The licensing cloud did not answer in time, so ${what} failed. ${unchanged}`);
      throw new Problem(503, 'cloud-unavailable', `The licensing cloud at ${this.baseUrl} cannot be reached, so ${what} failed. ${unchanged}`);
    }
    const data = parseJson(await response.text());
    if (response.ok) return { data: data as T, headers: response.headers };
    const problem = (data ?? {}) as { code?: string; detail?: string; field?: string; successorId?: string };
    if (!PASSED_ON.includes(response.status) || !isProblemCode(problem.code)) {
      throw new Problem(503, 'cloud-unavailable', `The licensing cloud answered ${response.status}, so ${what} failed. ${unchanged}`);
    }
    throw new Problem(
      response.status as ProblemStatus,
      problem.code,
      problem.detail ?? `The licensing cloud refused: ${problem.code}.`,
      problem.field,
      successorOf(problem),
    );
  }
}

/** Fetches, trying again while nothing listens yet: shards may start before the cloud they need. */
async function fetchWhenUp(url: string, waitMs: number): Promise<Response> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await fetch(url, { headers: { accept: 'application/json' } });
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${url} cannot be reached: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** The Customer ID of each group's customer, as the portal-and-cloud process knows them (null when unknown). */
export async function lookUpCustomerIds(
  cloudUrl: string,
  groups: readonly { customer?: string; partner?: string }[],
  waitMs = 60_000,
): Promise<(string | null)[]> {
  return Promise.all(
    groups.map(async (g) => {
      if (!g.customer) return null;
      const query = new URLSearchParams({ name: g.customer, ...(g.partner ? { partner: g.partner } : {}) });
      const response = await fetchWhenUp(`${cloudUrl}/_emulator/customer-ids?${query}`, waitMs);
      const answer = (await response.json()) as { customerId?: string | null; detail?: string };
      if (!response.ok) throw new Error(`the cloud at ${cloudUrl} could not look up customer ${g.customer}: ${answer.detail ?? response.status}`);
      return answer.customerId ?? null;
    }),
  );
}

/** The members beyond the standard ones a problem carried, to pass on unchanged. */
function successorOf(problem: { successorId?: string }): { successorId: string } | undefined {
  return typeof problem.successorId === 'string' ? { successorId: problem.successorId } : undefined;
}
