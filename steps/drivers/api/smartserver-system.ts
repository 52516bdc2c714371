import type { HttpClient } from '../http-client';
import type { CmsSession, ReleaseInstalled, SmartServerFeature, SmartServerSystem, SystemReset } from '../surfaces';
import { smartServerPath } from './smartserver-path';

/** A SmartServer's system administration through its REST paths. */
export class ApiSmartServerSystem implements SmartServerSystem {
  constructor(private readonly http: HttpClient) {}

  installRelease(session: CmsSession, version: string, options: { reimage?: boolean } = {}): Promise<ReleaseInstalled> {
    return this.http.call('POST', `${smartServerPath(session.installCode)}/software`, { token: session.token, body: { version, ...options } });
  }

  resetDatabases(session: CmsSession): Promise<SystemReset> {
    return this.http.call('POST', `${smartServerPath(session.installCode)}/reset-databases`, { token: session.token });
  }

  restoreFactorySettings(session: CmsSession): Promise<SystemReset> {
    return this.http.call('POST', `${smartServerPath(session.installCode)}/restore-factory-settings`, { token: session.token });
  }

  features(session: CmsSession): Promise<SmartServerFeature[]> {
    return this.http.call('GET', `${smartServerPath(session.installCode)}/features`, { token: session.token });
  }

  switchFeature(session: CmsSession, feature: string, enabled: boolean): Promise<SmartServerFeature> {
    return this.http.call('PUT', `${smartServerPath(session.installCode)}/features/${encodeURIComponent(feature)}`, {
      token: session.token,
      body: { enabled },
    });
  }
}
