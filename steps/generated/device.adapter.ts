import type { AnyMachineSnapshot } from 'xstate';
import { deviceColour, deviceMachine, type DeviceEvent, type DeviceState } from '../../models/device.machine';
import { deviceStateFromValue } from '../../models/device.table';
import { generatePaths, type PathStep } from '../../models/paths/generate';
import { devicePathSpec } from '../../models/paths/device.paths';
import { usedCapacity } from '../../models/smartserver';
import type { MachineAdapter, MachineBinding } from './adapter';
import { quoted } from './gherkin';
import { deviceDifferences } from './observations';
import { nextPathPo, oneOfEach, orderTable, PATH_PARTNER, type PathSession } from './session';
import { PathFailure, type Expectation, type Transcript } from './transcript';

/**
 * The device machine on a target: the first device of a SmartServer with one LON device, whose
 * capacity comes from one 10-device license of customer A. LICENSE and UNLICENSE are that license
 * activated from the cloud and returned to it; PROVISION and DEPROVISION are device operations a
 * CMS user runs; the provisioning outcome and the health are reports of the device itself. The
 * control plane makes provisioning wait for the device's report, so the spinner can be seen.
 */
const SERVER = 'Plant room';
const CUSTOMER = 'P2022-0208';
const CAPACITY_MODEL = '72220-10';
const CAPACITY = 10;
const DEVICES = 1;

const HEALTH: Partial<Record<DeviceEvent['type'], 'normal' | 'marginal' | 'suspect' | 'down'>> = {
  HEALTH_NORMAL: 'normal',
  HEALTH_MARGINAL: 'marginal',
  HEALTH_SUSPECT: 'suspect',
  HEALTH_DOWN: 'down',
};

class DeviceAdapter implements MachineAdapter<DeviceEvent> {
  private licenseId = '';

  constructor(
    private readonly t: Transcript,
    private readonly s: PathSession,
  ) {}

  async setUp(): Promise<void> {
    const { t, s } = this;
    const lines = oneOfEach([CAPACITY_MODEL]);
    const po = nextPathPo();
    [{ licenseId: this.licenseId }] = await t.given(
      `partner ${quoted(PATH_PARTNER)} has ordered on PO ${quoted(po)} for customer ${quoted(CUSTOMER)}:`,
      () => s.order(po, lines, CUSTOMER),
      orderTable(lines),
    );
    await t.given(`SmartServer ${quoted(SERVER)} runs release "4.0" with ${DEVICES} LON, 0 BACnet and 0 Modbus devices`, () =>
      s.addSmartServer({ name: SERVER, version: '4.0', edition: 'standard', lon: DEVICES }),
    );
    await t.given(`the Owner of ${quoted(SERVER)} has saved the Customer ID of ${quoted(CUSTOMER)}`, () => s.saveCustomerId(SERVER, CUSTOMER));
    await t.given(`the devices of ${quoted(SERVER)} finish provisioning only when they report back`, () =>
      s.controlPlane.setProvisioningWaits(s.server(SERVER).installCode, true),
    );
  }

  private async firstDeviceId(): Promise<number> {
    const [device] = await this.s.devices.list(await this.s.cmsSession(SERVER));
    if (!device) throw new PathFailure(`${SERVER} has no device`);
    return device.id;
  }

  async perform(step: PathStep<DeviceEvent>, _before: AnyMachineSnapshot, expectation: Expectation): Promise<boolean> {
    const { t, s } = this;
    const server = quoted(SERVER);
    const type = step.event.type;
    const health = HEALTH[type];
    if (type === 'LICENSE') {
      await t.attempt(`the Owner of ${server} activates the ${CAPACITY_MODEL} license from the cloud`, 'the activation', expectation, async () =>
        s.cloud.activate(await s.cmsSession(SERVER), [this.licenseId]),
      );
    } else if (type === 'UNLICENSE') {
      await t.attempt(`the Owner of ${server} transfers its licenses to the cloud`, 'the return', expectation, async () =>
        s.cloud.transferToCloud(await s.cmsSession(SERVER)),
      );
    } else if (type === 'PROVISION' || type === 'DEPROVISION') {
      const action = type === 'PROVISION' ? 'provision' : 'deprovision';
      await t.attempt(`a user of ${server} runs ${action} on its first device`, 'the device operation', expectation, async () =>
        s.devices.operate(await s.cmsSession(SERVER, 'User'), await this.firstDeviceId(), action),
      );
    } else if (type === 'PROVISIONING_SUCCEEDED' || type === 'PROVISIONING_FAILED') {
      const outcome = type === 'PROVISIONING_SUCCEEDED' ? 'succeeded' : 'failed';
      await t.attempt(`the first device of ${server} reports that provisioning ${outcome}`, 'the device operation', expectation, async () =>
        s.devices.reportProvisioning(await s.cmsSession(SERVER, 'User'), await this.firstDeviceId(), outcome),
      );
    } else if (health) {
      await t.attempt(`the first device of ${server} reports its health as ${health}`, 'the device operation', expectation, async () =>
        s.devices.reportHealth(await s.cmsSession(SERVER, 'User'), await this.firstDeviceId(), health),
      );
    }
    return true;
  }

  async check(snapshot: AnyMachineSnapshot, after?: PathStep<DeviceEvent>): Promise<void> {
    const { t, s } = this;
    const state: DeviceState = deviceStateFromValue(snapshot.value);
    const expected = { state: state.split('.')[0], colour: deviceColour(state) };
    await t.thenStep(`the first device of ${quoted(SERVER)} is ${expected.state} (${expected.colour})`, async () => {
      const [device] = await s.devices.list(await s.cmsSession(SERVER));
      const differences = deviceDifferences(device, expected);
      if (differences.length > 0) throw new PathFailure(differences.join('; '));
    });
    if (after && after.kind === 'transition' && (after.event.type === 'LICENSE' || after.event.type === 'UNLICENSE')) {
      const capacity = state === 'unlicensed' ? 0 : CAPACITY;
      const used = usedCapacity(capacity, DEVICES);
      await t.thenStep(`${quoted(SERVER)} has a device capacity of ${capacity} and a used capacity of ${used}`, async () => {
        const dashboard = await s.cms.dashboard(await s.cmsSession(SERVER));
        if (dashboard.capacity !== capacity || dashboard.usedCapacity !== used) {
          throw new PathFailure(
            `${SERVER} shows a device capacity of ${dashboard.capacity} and a used capacity of ${dashboard.usedCapacity}, not ${capacity} and ${used}`,
          );
        }
      });
    }
  }
}

export const deviceBinding: MachineBinding<DeviceEvent> = {
  machine: 'device',
  logic: deviceMachine,
  starts: devicePathSpec.starts,
  plan: () => generatePaths(devicePathSpec),
  area: '@area:device-lifecycle',
  adapter: (t, s) => new DeviceAdapter(t, s),
};
