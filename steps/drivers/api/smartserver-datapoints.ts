import type { HttpClient } from '../http-client';
import type { CmsSession, DatapointProperties, DatapointResource, SmartServerDatapoints } from '../surfaces';
import { smartServerPath } from './smartserver-path';

/** A SmartServer's datapoints through IAP/REST (/iap/devs/{address}/value, …/tags, /iap/auth/logout). */
export class ApiSmartServerDatapoints implements SmartServerDatapoints {
  constructor(private readonly http: HttpClient) {}

  private path(session: CmsSession, rest: string): string {
    return `${smartServerPath(session.installCode)}/iap/devs/${rest}`;
  }

  read(session: CmsSession, address: string): Promise<DatapointResource[]> {
    return this.http.call('GET', this.path(session, `${address}/value`), { token: session.token });
  }

  async readPaged(session: CmsSession, address: string, pageSize: number): Promise<{ pages: number; resources: DatapointResource[] }> {
    const resources: DatapointResource[] = [];
    let snapshot = '';
    for (let pg = 1; ; pg++) {
      const query = `?pg=${pg}&sz=${pageSize}${snapshot ? `&xs=${snapshot}` : ''}`;
      const page = await this.http.call<{ snapshot: string; resources: DatapointResource[]; remainingPages: number }>(
        'GET',
        this.path(session, `${address}/value${query}`),
        { token: session.token },
      );
      snapshot = page.snapshot;
      resources.push(...page.resources);
      if (page.remainingPages === 0) return { pages: pg, resources };
    }
  }

  async write(session: CmsSession, address: string, value: number | null, priority?: number): Promise<void> {
    await this.http.call('PUT', this.path(session, `${address}/value${priority ? `?prio=${priority}` : ''}`), { token: session.token, body: value });
  }

  async tag(session: CmsSession, address: string, tags: string[]): Promise<void> {
    await this.http.call('POST', this.path(session, `${address}/tags`), { token: session.token, body: tags });
  }

  properties(session: CmsSession, deviceFilter: string): Promise<DatapointProperties[]> {
    return this.http.call('GET', this.path(session, `${deviceFilter}/if`), { token: session.token });
  }

  async logOut(session: CmsSession): Promise<void> {
    await this.http.call('POST', `${smartServerPath(session.installCode)}/iap/auth/logout`, { token: session.token });
  }
}
