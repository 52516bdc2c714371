import { ApiProblem, HttpClient, type Transport } from '../../http-client';

/**
 * The HTTP client of the EcoStruxure drivers: a call to the Device Administrator or the License
 * Activation Server carries the operator's session, logged in with the account the control plane
 * hands out, and logged in again once when the session has ended (a reset ends every session).
 */
export class EcoStruxureOperatorClient extends HttpClient {
  private token: Promise<string> | undefined;

  constructor(baseUrl: string, transport?: Transport) {
    super(baseUrl, transport);
  }

  override call<T>(method: string, path: string, options: { body?: unknown; token?: string } = {}): Promise<T> {
    return this.asOperator(path, options.token, (token) => super.call<T>(method, path, { ...options, token }));
  }

  /** The lists answer a page at a time; each page is asked for in the operator's session too. */
  override page<T>(path: string, token?: string): Promise<{ items: T[]; total: number; nextCursor?: string }> {
    return this.asOperator(path, token, (session) => super.page<T>(path, session));
  }

  /** Sends with the operator's session (unless a token is given), logging in again once should the session have ended. */
  private async asOperator<T>(path: string, token: string | undefined, send: (token?: string) => Promise<T>): Promise<T> {
    if (!path.startsWith('/ecostruxure/') || token) return send(token);
    try {
      return await send(await this.session());
    } catch (error) {
      if (!(error instanceof ApiProblem) || error.status !== 401) throw error;
      this.token = undefined;
      return send(await this.session());
    }
  }

  private session(): Promise<string> {
    this.token ??= (async () => {
      const login = await super.call<{ username: string; password: string }>('GET', '/_emulator/ecostruxure/login');
      return (await super.call<{ token: string }>('POST', '/ecostruxure/api/session', { body: login })).token;
    })();
    this.token.catch(() => {
      this.token = undefined;
    });
    return this.token;
  }
}
