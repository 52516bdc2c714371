import { applyLicenseEvent } from '../../../models/apply';
import { describeProduct, findProduct } from '../../../models/catalog';
import type { HeldLicense, SmartServerLicensing } from '../../../models/smartserver';
import { activationTarget } from '../../../models/smartserver';
import { getCustomer } from '../../kernel/accounts';
import { inTransaction, type CoreContext } from '../../kernel/context';
import { readOfflineFile, redeemOfflineFile, type OfflineFile } from './offline-files';
import { conflict, notFound, refusalsAsProblems } from '../../kernel/problems';
import type { StoredLicense } from '../../kernel/store';

/** A license as the cloud offers it to a SmartServer for download. */
export interface CloudLicense {
  licenseId: string;
  model: string;
  kind: string;
  capacity: number;
  transferDate: string;
  description: string;
}

/**
 * How a SmartServer reaches the licensing cloud. In one process it is a direct call; a SmartServer
 * emulated apart from the cloud reaches it over HTTP through the same interface.
 */
export interface LicensingCloudPort {
  available(customerId: string): Promise<CloudLicense[]>;
  /**
   * Activates the licenses and hands them to `record`, which stores them on the SmartServer. A cloud
   * in the same process runs `record` inside its own transaction, so a crash cannot leave a license
   * active in the cloud that no SmartServer holds; a remote cloud runs it once its answer arrives.
   */
  activate<T>(request: { customerId: string; server: SmartServerLicensing; licenseIds: string[] }, record: (held: HeldLicense[]) => T): Promise<T>;
  /** Takes the licenses back; `record` removes them from the SmartServer, in the same way as for `activate`. */
  giveBack<T>(request: { installCode: string; licenseIds: string[] }, record: () => T): Promise<T>;
  /** Reads the text of an offline activation file and checks it was signed by this cloud and not altered. */
  checkOfflineFile(text: unknown): Promise<OfflineFile>;
  /**
   * Add License, as the cloud records it: the file is checked against the cloud's records and its
   * license activated offline; `record` stores the license on the SmartServer, as for `activate`.
   */
  redeemOfflineFile<T>(request: { text: unknown; server: SmartServerLicensing }, record: (held: HeldLicense) => T): Promise<T>;
}

export function cloudView(license: StoredLicense): CloudLicense {
  const c = license.context;
  const product = findProduct(c.model);
  const expiry = c.kind === 'maintenance' && c.termEnd ? `, expires ${c.termEnd}` : '';
  return {
    licenseId: c.licenseId,
    model: c.model,
    kind: c.kind,
    capacity: c.capacity,
    transferDate: (c.transferredAt ?? license.createdAt).slice(0, 10),
    description: `${product ? describeProduct(product) : c.model}${expiry}`,
  };
}

export function heldFrom(license: StoredLicense): HeldLicense {
  const c = license.context;
  return {
    licenseId: c.licenseId, kind: c.kind, capacity: c.capacity, termYears: c.termYears, termEnd: c.termEnd,
    activatedAt: c.activatedAt!, mode: c.activationMode!,
  };
}

/** The licensing cloud: what a Customer ID may download, and the records of activations and returns. */
export class LicensingCloud implements LicensingCloudPort {
  constructor(private readonly ctx: CoreContext) {}

  async available(customerId: string): Promise<CloudLicense[]> {
    if (!getCustomer(this.ctx, customerId)) throw notFound('Customer ID', customerId);
    return this.ctx.licenses.where("customer_id = ? AND state = 'withCustomer'", customerId).map(cloudView);
  }

  /** Activates a batch all or nothing: one refused license refuses the whole batch. */
  async activate<T>(request: { customerId: string; server: SmartServerLicensing; licenseIds: string[] }, record: (held: HeldLicense[]) => T): Promise<T> {
    const { ctx } = this;
    return inTransaction(ctx, () => {
      const batch = request.licenseIds.map((id) => {
        const license = ctx.licenses.get(id);
        // A retired ID is told apart (with its new ID) only while the new ID belongs to the same
        // customer; moved on to another customer, it answers like an unknown one.
        const known = license && license.context.customerId === request.customerId
          && (license.state !== 'retired' || ctx.licenses.get(license.context.successorId ?? '')?.context.customerId === request.customerId);
        if (!known) throw notFound('license for this Customer ID', id);
        return license;
      });
      const target = activationTarget(request.server, batch.map((l) => l.context));
      const held = batch.map((license) => {
        const active = refusalsAsProblems(() => applyLicenseEvent(license, {
          type: 'ACTIVATE', mode: 'online', installCode: request.server.installCode, at: ctx.clock.now(), target,
        }));
        ctx.licenses.save(active, license.poNumber, license.createdAt);
        return heldFrom({ ...license, ...active });
      });
      return record(held);
    });
  }

  async checkOfflineFile(text: unknown): Promise<OfflineFile> {
    return readOfflineFile(this.ctx, text);
  }

  async redeemOfflineFile<T>(request: { text: unknown; server: SmartServerLicensing }, record: (held: HeldLicense) => T): Promise<T> {
    return redeemOfflineFile(this.ctx, request, record);
  }

  async giveBack<T>(request: { installCode: string; licenseIds: string[] }, record: () => T): Promise<T> {
    const { ctx } = this;
    return inTransaction(ctx, () => {
      for (const id of request.licenseIds) {
        const license = ctx.licenses.get(id);
        if (!license) throw notFound('license', id);
        if (license.context.installCode !== request.installCode) {
          throw conflict('license-elsewhere', `License ${id} is not active on SmartServer ${request.installCode}.`);
        }
        const returned = refusalsAsProblems(() => applyLicenseEvent(license, { type: 'RETURN', at: ctx.clock.now() }));
        ctx.licenses.save(returned, license.poNumber, license.createdAt);
      }
      return record();
    });
  }
}
