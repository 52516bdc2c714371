import type { AnyMachineSnapshot } from 'xstate';
import { generatePaths, type PathStep } from '../../models/paths/generate';
import { activationOf, SMARTSERVER_CAPACITY_MODEL, SMARTSERVER_CORE_MODEL, smartServerPathSpec } from '../../models/paths/smartserver.paths';
import { licensedCapacity, smartServerMachine, usedCapacity, type SmartServerEvent, type SmartServerLicensing } from '../../models/smartserver';
import type { MachineAdapter, MachineBinding } from './adapter';
import { quoted } from './gherkin';
import { nextPathPo, oneOfEach, type PathSession } from './session';
import { PathFailure, type Expectation, type Transcript } from './transcript';

/**
 * The SmartServer machine on a target: a SmartServer Pi with one LON device. Every ACTIVATE buys
 * a new license for customer A and activates it from the cloud (capacity or Core) or through an
 * offline file from the customer portal; RETURN_ALL is Transfer to Cloud; SET_ONLINE cuts or
 * restores the Internet connection through the control plane. The check compares capacity, used
 * capacity and the number of licenses Manage Licenses lists.
 */
const SERVER = 'Riser';
const CUSTOMER = 'P2022-0208';
const DEVICES = 1;

class SmartServerAdapter implements MachineAdapter<SmartServerEvent> {
  constructor(
    private readonly t: Transcript,
    private readonly s: PathSession,
  ) {}

  async setUp(): Promise<void> {
    await this.t.given(`SmartServer Pi ${quoted(SERVER)} runs release "4.3" with ${DEVICES} LON, 0 BACnet and 0 Modbus devices`, () =>
      this.s.addSmartServer({ name: SERVER, version: '4.3', edition: 'pi', lon: DEVICES }),
    );
  }

  /** The set-up steps' purchase for a customer: one license through the partner that does the set-up. */
  private async buy(model: string): Promise<string> {
    const [license] = await this.s.order(nextPathPo(), oneOfEach([model]), CUSTOMER);
    return license.licenseId;
  }

  async perform(step: PathStep<SmartServerEvent>, _before: AnyMachineSnapshot, expectation: Expectation): Promise<boolean> {
    const { t, s } = this;
    const server = quoted(SERVER);
    const customer = quoted(CUSTOMER);
    const event = step.event;
    switch (event.type) {
      case 'ACTIVATE': {
        const activation = activationOf(event);
        if (activation === 'file capacity') {
          const licenseId = await t.when(`customer ${customer} buys another ${SMARTSERVER_CAPACITY_MODEL} license`, () => this.buy(SMARTSERVER_CAPACITY_MODEL));
          const file = await t.when(`${customer} creates an offline activation file of its ${SMARTSERVER_CAPACITY_MODEL} license for ${server}`, async () =>
            s.customerPortal.createOfflineActivationFile(await s.customerSession(CUSTOMER, licenseId), licenseId, s.server(SERVER).installCode),
          );
          s.lastFile = file;
          await t.attempt(`the Owner of ${server} adds the license file`, 'loading the file', expectation, async () =>
            s.cms.addLicenseFile(await s.cmsSession(SERVER), file.text),
          );
          return true;
        }
        const model = activation === 'cloud core' ? SMARTSERVER_CORE_MODEL : SMARTSERVER_CAPACITY_MODEL;
        // One step buys, saves the Customer ID and activates; only the activation may be refused.
        const text = `customer ${customer} activates a ${model} license on ${server}`;
        const licenseId = await this.buy(model);
        await s.saveCustomerId(SERVER, CUSTOMER);
        await t.attempt(text, 'the activation', expectation, async () => s.cloud.activate(await s.cmsSession(SERVER), [licenseId]));
        return true;
      }
      case 'RETURN_ALL':
        await t.attempt(`the Owner of ${server} transfers its licenses to the cloud`, 'the return', expectation, async () =>
          s.cloud.transferToCloud(await s.cmsSession(SERVER)),
        );
        return true;
      case 'SET_ONLINE':
        await t.when(event.online ? `${server} gets its Internet connection back` : `${server} loses its Internet connection`, () =>
          s.controlPlane.setOnline(s.server(SERVER).installCode, event.online),
        );
        return true;
    }
  }

  async check(snapshot: AnyMachineSnapshot): Promise<void> {
    const { t, s } = this;
    const context = snapshot.context as SmartServerLicensing;
    const capacity = licensedCapacity(context.licenses);
    const used = usedCapacity(capacity, DEVICES);
    const count = context.licenses.length;
    await t.thenStep(`${quoted(SERVER)} has a device capacity of ${capacity} and a used capacity of ${used}`, async () => {
      const dashboard = await s.cms.dashboard(await s.cmsSession(SERVER));
      if (dashboard.capacity !== capacity || dashboard.usedCapacity !== used) {
        throw new PathFailure(
          `${SERVER} shows a device capacity of ${dashboard.capacity} and a used capacity of ${dashboard.usedCapacity}, not ${capacity} and ${used}`,
        );
      }
    });
    await t.thenStep(`Manage Licenses of ${quoted(SERVER)} lists ${count === 0 ? 'no' : count} license${count === 1 ? '' : 's'}`, async () => {
      const listed = (await s.cms.manageLicenses(await s.cmsSession(SERVER))).length;
      if (listed !== count) throw new PathFailure(`Manage Licenses of ${SERVER} lists ${listed} license(s), not ${count}`);
    });
  }
}

export const smartServerBinding: MachineBinding<SmartServerEvent> = {
  machine: 'smartserver',
  logic: smartServerMachine,
  starts: smartServerPathSpec.starts,
  plan: () => generatePaths(smartServerPathSpec),
  area: '@area:smartserver-cms',
  adapter: (t, s) => new SmartServerAdapter(t, s),
};
