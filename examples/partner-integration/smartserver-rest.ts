/**
 * The few SmartServer REST calls this integration makes, with plain fetch against the SmartServer's
 * own address (https://smartserver-<install code>), and the parts of the answers it reads.
 */

export interface CmsCredentials {
  username: string;
  password: string;
}

/** GET /iap/lic/status, the fields the report uses. */
export interface LicensingStatus {
  installCode: string;
  name: string;
  /** Licensed device capacity. */
  capacity: number;
  /** The SmartServer itself plus its licensed devices. */
  usedCapacity: number;
  definedDevices: number;
}

/** One entry of GET /iap/devs; `lic.licensed` is false for a device beyond the capacity, which the CMS shows purple. */
export interface SmartServerDevice {
  id: number;
  name: string;
  protocol: string;
  uid: string;
  lic: { licensed: boolean };
}

/** A SmartServer REST call that did not succeed, with what the SmartServer said. */
export class SmartServerError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(`SmartServer answered ${status}: ${detail}`);
    this.name = 'SmartServerError';
  }
}

/** A logged-in CMS session on one SmartServer. */
export class SmartServerSession {
  private constructor(
    readonly address: string,
    private readonly token: string,
  ) {}

  static async logIn(address: string, credentials: CmsCredentials): Promise<SmartServerSession> {
    const base = address.replace(/\/$/, '');
    const { token } = await call<{ token: string }>(`${base}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
    });
    return new SmartServerSession(base, token);
  }

  licensingStatus(): Promise<LicensingStatus> {
    return this.get('/iap/lic/status');
  }

  devices(): Promise<SmartServerDevice[]> {
    return this.get('/iap/devs');
  }

  private get<T>(path: string): Promise<T> {
    return call<T>(`${this.address}${path}`, { headers: { accept: 'application/json', authorization: `Bearer ${this.token}` } });
  }
}

async function call<T>(url: string, init: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok) throw new SmartServerError(response.status, problemDetail(text));
  return JSON.parse(text) as T;
}

/** Refusals come as problem details, whose detail says why; anything else is shown as it came. */
function problemDetail(text: string): string {
  try {
    return JSON.parse(text).detail ?? text;
  } catch {
    return text;
  }
}
