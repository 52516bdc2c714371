import type { AnyMachineSnapshot } from 'xstate';
import type { LicenseContext, LicenseEvent } from '../../models/license.rules';
import { licenseMachine } from '../../models/license.machine';
import { generatePaths, type PathStart, type PathStep } from '../../models/paths/generate';
import {
  EXPIRY_STEP_DAYS,
  LICENSE_SERVERS,
  licensePathSpec,
  type CustomerSymbol,
  type LicenseStart,
  type ServerSymbol,
} from '../../models/paths/license.paths';
import type { MachineAdapter, MachineBinding } from './adapter';
import { quoted } from './gherkin';
import { licenseDifferences, type LicenseStatus } from './observations';
import { nextPathPo, oneOfEach, orderTable, PATH_PARTNER, type PathSession } from './session';
import { PathFailure, type Expectation, type Transcript } from './transcript';

/**
 * The license machine on a target: the subject license is ordered (and, for most subjects, handed
 * to customer A), two SmartServers stand by, and customer A is logged in to the customer portal
 * with a helper license. TRANSFER is a partner-portal transfer; ACTIVATE online saves the Customer
 * ID in the CMS and activates from the cloud; ISSUE_OFFLINE_FILE comes from the customer portal or
 * Customer Success; ACTIVATE offline loads the last file with Add License; RETURN is Transfer to Cloud;
 * WITHDRAW_OFFLINE_FILE is the customer portal's withdrawal; OFFLINE_FILE_EXPIRED moves the clock past the file's last day.
 */
export const LICENSE_SERVER_NAMES: Record<ServerSymbol, string> = { S1: 'Plant room', S2: 'Riser' };
export const LICENSE_CUSTOMER_NAMES: Record<CustomerSymbol, string> = { A: 'P2022-0208', B: 'P2023-0415' };
/** Customer A's own license, whose EID logs it in to the customer portal. */
const HELPER_MODEL = '72220-10';

class LicenseAdapter implements MachineAdapter<LicenseEvent> {
  private subjectId = '';
  private helperId = '';
  private retired = false;
  private readonly subject;
  private readonly customerA = LICENSE_CUSTOMER_NAMES.A;

  constructor(
    private readonly t: Transcript,
    private readonly s: PathSession,
    start: LicenseStart,
  ) {
    this.subject = start.subject;
  }

  private get model(): string {
    return this.subject.model;
  }

  /** How the Gherkin names the subject: by its model, or as the retired original once a transfer replaced it. */
  private get named(): string {
    return this.retired ? `the retired original of the ${this.model} license` : `the ${this.model} license`;
  }

  async setUp(): Promise<void> {
    const { t, s, model } = this;
    const partner = quoted(PATH_PARTNER);
    const customer = quoted(this.customerA);
    if (this.subject.owned) {
      const lines = oneOfEach([model, HELPER_MODEL]);
      const po = nextPathPo();
      const licenses = await t.given(
        `partner ${partner} has ordered on PO ${quoted(po)} for customer ${customer}:`,
        () => s.order(po, lines, this.customerA),
        orderTable(lines),
      );
      this.subjectId = licenses.find((l) => l.model === model)!.licenseId;
      this.helperId = licenses.find((l) => l.model === HELPER_MODEL)!.licenseId;
    } else {
      const own = oneOfEach([model]);
      const po = nextPathPo();
      [{ licenseId: this.subjectId }] = await t.given(`partner ${partner} has ordered on PO ${quoted(po)}:`, () => s.order(po, own), orderTable(own));
      const helper = oneOfEach([HELPER_MODEL]);
      const helperPo = nextPathPo();
      [{ licenseId: this.helperId }] = await t.given(
        `partner ${partner} has ordered on PO ${quoted(helperPo)} for customer ${customer}:`,
        () => s.order(helperPo, helper, this.customerA),
        orderTable(helper),
      );
    }
    for (const [symbol, name] of Object.entries(LICENSE_SERVER_NAMES) as [ServerSymbol, string][]) {
      const pi = LICENSE_SERVERS[symbol].edition === 'pi';
      const text = pi
        ? `SmartServer Pi ${quoted(name)} runs release "4.3" with 1 LON, 0 BACnet and 0 Modbus devices`
        : `SmartServer ${quoted(name)} runs release "4.0" with 1 LON, 0 BACnet and 0 Modbus devices`;
      await t.given(text, () => s.addSmartServer({ name, version: pi ? '4.3' : '4.0', edition: pi ? 'pi' : 'standard', lon: 1 }));
    }
    for (const [symbol, models] of Object.entries(this.subject.fixture) as [ServerSymbol, string[]][]) {
      const server = LICENSE_SERVER_NAMES[symbol];
      const held = models.length === 1 ? `a ${models[0]} license` : `${models.join(' and ')} licenses`;
      await t.given(`customer ${customer} has activated ${held} on ${quoted(server)}`, async () => {
        const licenses = await s.order(nextPathPo(), oneOfEach(models), this.customerA);
        await s.saveCustomerId(server, this.customerA);
        await s.cloud.activate(
          await s.cmsSession(server),
          licenses.map((l) => l.licenseId),
        );
      });
    }
    await t.given(`${customer} logs in to the customer portal with the EID of its ${HELPER_MODEL} license`, async () => {
      await s.customerSession(this.customerA, this.helperId);
    });
  }

  async perform(step: PathStep<LicenseEvent>, before: AnyMachineSnapshot, expectation: Expectation): Promise<boolean> {
    const { t, s } = this;
    const event = step.event;
    switch (event.type) {
      case 'TRANSFER': {
        const name = LICENSE_CUSTOMER_NAMES[event.customerId as CustomerSymbol];
        const existing = s.customers.has(name);
        const to = `${existing ? '' : 'new '}customer ${quoted(name)}`;
        const text = this.retired
          ? `${quoted(PATH_PARTNER)} transfers ${this.named} to the ${existing ? 'existing' : 'new'} customer ${quoted(name)}`
          : this.subject.owned
            ? `${quoted(PATH_PARTNER)} transfers the ${this.model} license from Customer Inventory to the ${existing ? 'existing' : 'new'} customer ${quoted(name)}`
            : `${quoted(PATH_PARTNER)} transfers its ${this.model} license to the ${to}`;
        const result = await t.attempt(text, 'the transfer', expectation, async () =>
          s.partnerPortal.transfer(await s.partnerSession(), this.subjectId, name, existing ? undefined : {}),
        );
        if (result) {
          s.customers.set(name, result.customer.customerId);
          this.retired = true;
        }
        return true;
      }
      case 'ACTIVATE': {
        const server = LICENSE_SERVER_NAMES[event.installCode as ServerSymbol];
        if (event.mode === 'offline') {
          const file = s.lastFile;
          if (!file) return false;
          await t.attempt(`the Owner of ${quoted(server)} adds the license file`, 'loading the file', expectation, async () =>
            s.cms.addLicenseFile(await s.cmsSession(server), file.text),
          );
          return true;
        }
        if (s.savedCustomer.get(server) !== this.customerA) {
          await t.when(`the Owner of ${quoted(server)} saves the Customer ID of ${quoted(this.customerA)}`, () => s.saveCustomerId(server, this.customerA));
        }
        const which = this.retired ? 'retired original of the ' : '';
        await t.attempt(`the Owner of ${quoted(server)} activates the ${which}${this.model} license from the cloud`, 'the activation', expectation, async () =>
          s.cloud.activate(await s.cmsSession(server), [this.subjectId]),
        );
        return true;
      }
      case 'ISSUE_OFFLINE_FILE': {
        const server = LICENSE_SERVER_NAMES[event.installCode as ServerSymbol];
        const installCode = s.server(server).installCode;
        const file =
          event.issuer === 'customer-portal'
            ? await t.attempt(
                this.retired
                  ? `${quoted(this.customerA)} creates an offline activation file of the retired original of its ${this.model} license for ${quoted(server)}`
                  : `${quoted(this.customerA)} creates an offline activation file of its ${this.model} license for ${quoted(server)}`,
                'the offline file',
                expectation,
                async () => s.customerPortal.createOfflineActivationFile(await s.customerSession(this.customerA, this.helperId), this.subjectId, installCode),
              )
            : await t.attempt(
                `Customer Success issues an offline maintenance file of ${this.named} for ${quoted(server)}`,
                'the offline file',
                expectation,
                () => s.customerSuccess.issueOfflineMaintenanceFile(this.subjectId, installCode),
              );
        if (file) s.lastFile = file;
        return true;
      }
      case 'WITHDRAW_OFFLINE_FILE': {
        const which = this.retired ? 'the retired original of its' : 'its';
        await t.attempt(
          `${quoted(this.customerA)} withdraws the offline activation file of ${which} ${this.model} license`,
          'withdrawing the file',
          expectation,
          async () => s.customerPortal.withdrawOfflineActivationFile(await s.customerSession(this.customerA, this.helperId), this.subjectId),
        );
        return true;
      }
      case 'OFFLINE_FILE_EXPIRED': {
        // Letting time pass is never refused; only the transition itself is replayed.
        if (expectation.refused) return false;
        await t.when(`${EXPIRY_STEP_DAYS} days pass`, () => s.controlPlane.advanceDays(EXPIRY_STEP_DAYS));
        return true;
      }
      case 'RETURN': {
        const context = before.context as LicenseContext;
        const symbol = (before.value === 'active' ? context.installCode : 'S1') as ServerSymbol;
        const server = LICENSE_SERVER_NAMES[symbol];
        await t.attempt(`the Owner of ${quoted(server)} transfers its licenses to the cloud`, 'the return', expectation, async () =>
          s.cloud.transferToCloud(await s.cmsSession(server)),
        );
        return true;
      }
    }
  }

  async check(snapshot: AnyMachineSnapshot): Promise<void> {
    const { t, s } = this;
    const status = snapshot.value as LicenseStatus;
    const context = snapshot.context as LicenseContext;
    const bound = status === 'active' || status === 'offlineFileIssued' ? LICENSE_SERVER_NAMES[context.installCode as ServerSymbol] : undefined;
    const mode = status === 'active' ? context.activationMode : undefined;
    const words: Record<LicenseStatus, string> = {
      inInventory: "in the partner's inventory",
      withCustomer: 'with its customer',
      offlineFileIssued: `bound by an offline file to ${quoted(bound ?? '')}`,
      active: `active ${mode} on ${quoted(bound ?? '')}`,
      retired: 'as retired',
    };
    await t.thenStep(`the partner portal shows ${this.named} ${words[status]}`, async () => {
      const servers = await Promise.all(
        [...s.servers.values()].map(async (server) => ({
          name: server.name,
          installCode: server.installCode,
          owner: await s.cmsSession(server.name),
        })),
      );
      const differences = await licenseDifferences(s, await s.partnerSession(), this.subjectId, { status, server: bound, mode }, servers);
      if (differences.length > 0) throw new PathFailure(differences.join('; '));
    });
  }
}

export const licenseBinding: MachineBinding<LicenseEvent> = {
  machine: 'license',
  logic: licenseMachine,
  starts: licensePathSpec.starts,
  plan: () => generatePaths(licensePathSpec),
  area: '@area:partner-portal',
  adapter: (t, s, start: PathStart<unknown>) => new LicenseAdapter(t, s, start as LicenseStart),
};
