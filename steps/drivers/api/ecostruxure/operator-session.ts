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

  override async call<T>(method: string, path: string, options: { body?: unknown; token?: string } = {}): Promise<T> {
    if (!path.startsWith('/ecostruxure/') || options.token) return super.call<T>(method, path, options);
    try {
      return await super.call<T>(method, path, { ...options, token: await this.session() });
    } catch (error) {
      if (!(error instanceof ApiProblem) || error.status !== 401) throw error;
      this.token = undefined;
      return super.call<T>(method, path, { ...options, token: await this.session() });
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
