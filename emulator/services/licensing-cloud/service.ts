import { applyLicense } from '../../kernel/machines';
import type { HeldLicense, SmartServerLicensing } from '../../../models/smartserver';
import { activationTarget } from '../../../models/smartserver';
import { getCustomer } from '../../kernel/accounts';
import { inTransaction, type CoreContext } from '../../kernel/context';
import type { ActivationRequest, CloudLicense, LicensingCloudPort, OfflineFile } from '../../kernel/ports';
import { readOfflineFile, redeemOfflineFile, releaseExpiredOfflineFiles } from './offline-files';
import { cloudView, heldFrom } from './views';
import { conflict, notFound, Problem } from '../../kernel/problems';
import type { Page, PageRequest } from '../../kernel/paging';
import { retiredLicenseProblem } from '../../kernel/retired-licenses';

/** The licensing cloud: what a Customer ID may download, and the records of activations and returns. */
/** The code stays the one clients match on; the words name each ID for what it is. */
const licenseNotOffered = (licenseId: string, customerId: string) =>
  new Problem(
    404,
    'license-for-this-customer-id-not-found',
    `License ID ${licenseId} is not offered to Customer ID ${customerId}: it is unknown, or it belongs to another customer now.`,
    'licenseIds',
  );

export class LicensingCloud implements LicensingCloudPort {
  constructor(private readonly ctx: CoreContext) {
    // An unused offline file's license comes back once the clock passes the file's last day.
    ctx.clock.onMove(() => releaseExpiredOfflineFiles(ctx));
  }

  async available(customerId: string, request: PageRequest): Promise<Page<CloudLicense>> {
    if (!getCustomer(this.ctx, customerId)) throw notFound('Customer ID', customerId);
    const page = this.ctx.licenses.page("customer_id = ? AND state = 'withCustomer'", [customerId], request);
    return { ...page, items: page.items.map(cloudView) };
  }

  /** Activates a batch all or nothing: one refused license refuses the whole batch. */
  async activate<T>(request: ActivationRequest, record: (held: HeldLicense[]) => T): Promise<T> {
    const { ctx } = this;
    return inTransaction(ctx, () => {
      const batch = request.licenseIds.map((id) => {
        const license = ctx.licenses.get(id);
        // A retired ID is told apart (with its new ID) only when the new ID belongs to this
        // customer; moved on to another customer, it answers like an unknown one.
        const retired = retiredLicenseProblem(ctx, license, { customerId: request.customerId });
        if (retired) throw retired;
        if (!license || license.state === 'retired' || license.context.customerId !== request.customerId) throw licenseNotOffered(id, request.customerId);
        return license;
      });
      const target = activationTarget(
        request.server,
        batch.map((l) => l.context),
        request.totals,
      );
      const held = batch.map((license) => {
        const active = applyLicense(license, {
          type: 'ACTIVATE',
          mode: 'online',
          installCode: request.server.installCode,
          at: ctx.clock.now(),
          target,
        });
        ctx.licenses.save(active, license.poNumber, license.createdAt, license.state);
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
        const returned = applyLicense(license, { type: 'RETURN', at: ctx.clock.now() });
        ctx.licenses.save(returned, license.poNumber, license.createdAt, license.state);
      }
      return record();
    });
  }
}
