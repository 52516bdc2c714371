import type { HeldLicense, SmartServerLicensing } from '../../models/smartserver';
import type { Page, PageRequest } from './paging';
import type { ActivationRequest, CloudLicense, LicensingCloudPort, OfflineFile } from './ports';
import { Problem } from './problems';
import { requireInt, requireObject } from './validate';

/** Faults the test control plane injects into the SmartServers' path to the licensing cloud. */
export interface CloudFaultSettings {
  /** Wait before each cloud call, in milliseconds (bounded so a test never hangs). */
  delayMs: number;
  /** Answer every cloud call with this failure after the delay; null lets calls through. */
  failWith: 503 | 504 | null;
}

export const MAX_CLOUD_DELAY_MS = 10_000;
const NONE: CloudFaultSettings = { delayMs: 0, failWith: null };

/** Held in memory only: a restarted emulator, or a reset, starts with a healthy cloud. */
export class CloudFaults {
  private settings: CloudFaultSettings = NONE;

  current(): CloudFaultSettings {
    return { ...this.settings };
  }

  /** Reads `{delayMs?, failWith?}`; fields left out keep their value, `null` for the whole object clears. */
  set(body: unknown): CloudFaultSettings {
    if (body === null) return this.clear();
    const input = requireObject(body, 'cloud');
    const delayMs = input.delayMs === undefined ? this.settings.delayMs : requireInt(input.delayMs, 'cloud.delayMs', 0, MAX_CLOUD_DELAY_MS);
    let failWith = this.settings.failWith;
    if (input.failWith !== undefined) {
      if (input.failWith !== null && input.failWith !== 503 && input.failWith !== 504) {
        throw new Problem(400, 'invalid-input', 'cloud.failWith: must be 503, 504 or null', 'cloud.failWith');
      }
      failWith = input.failWith;
    }
    this.settings = { delayMs, failWith };
    return this.current();
  }

  clear(): CloudFaultSettings {
    this.settings = NONE;
    return this.current();
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The cloud as a SmartServer reaches it, with the injected faults in the way. A failed call never
 * reaches the cloud, so nothing changes on either side: the SmartServer keeps its licenses and
 * devices as they were.
 */
export class FaultInjectingCloud implements LicensingCloudPort {
  constructor(
    private readonly inner: LicensingCloudPort,
    private readonly faults: CloudFaults,
  ) {}

  async available(customerId: string, page: PageRequest): Promise<Page<CloudLicense>> {
    await this.pass('listing the licenses to download');
    return this.inner.available(customerId, page);
  }

  async activate<T>(request: ActivationRequest, record: (held: HeldLicense[]) => T): Promise<T> {
    await this.pass(`activating licenses on SmartServer ${request.server.installCode}`);
    return this.inner.activate(request, record);
  }

  async giveBack<T>(request: { installCode: string; licenseIds: string[] }, record: () => T): Promise<T> {
    await this.pass(`returning the licenses of SmartServer ${request.installCode}`);
    return this.inner.giveBack(request, record);
  }

  // An offline file needs no Internet: the cloud's records of it are kept in step whatever the faults.
  checkOfflineFile(text: unknown): Promise<OfflineFile> {
    return this.inner.checkOfflineFile(text);
  }

  redeemOfflineFile<T>(request: { text: unknown; server: SmartServerLicensing }, record: (held: HeldLicense) => T): Promise<T> {
    return this.inner.redeemOfflineFile(request, record);
  }

  private async pass(what: string): Promise<void> {
    const { delayMs, failWith } = this.faults.current();
    if (delayMs > 0) await sleep(delayMs);
    const unchanged = 'Nothing was changed: the SmartServer keeps its licenses and devices as they were. Try again later.';
    if (failWith === 503) throw new Problem(503, 'cloud-unavailable', `The licensing cloud is unavailable, so ${what} failed. ${unchanged}`);
    if (failWith === 504) throw new Problem(504, 'cloud-timeout', `The licensing cloud did not answer in time, so ${what} failed. ${unchanged}`);
  }
}
