import { operationAllowed } from '../../../models/device.machine';
import { devicesReachable, type SmartServerFacts } from '../../../models/editions';
import { licensedCapacity } from '../../../models/smartserver';
import { conflict, type Problem } from '../../kernel/problems';
import type { Device } from '../smartserver';

/**
 * The licensing rule for datapoints (CAP-5, CMS-15): reading and writing a value talks to the
 * device, so it is refused for an unlicensed (purple) device, and for every device once the
 * SmartServer holds no capacity (its licenses went back to the cloud, or none was activated).
 * Defining a datapoint's properties (tags) talks only to the SmartServer and stays allowed.
 */

export type ValueAccess = 'read' | 'write';

/** Whether a datapoint value of this device can be read or written now. */
export const valueReachable = (device: Device, access: ValueAccess) =>
  operationAllowed(device.state, access === 'read' ? 'read-datapoints' : 'write-datapoints');

/**
 * Why a datapoint value of this device cannot be read or written now, or undefined when it can.
 * The SmartServer's facts are asked for only when the device is not licensed (reads are hot).
 */
export function valueRefusal(factsOf: () => SmartServerFacts, device: Device, access: ValueAccess): Problem | undefined {
  if (valueReachable(device, access)) return undefined;
  const facts = factsOf();
  const verb = access === 'read' ? 'read' : 'write';
  if (!devicesReachable(facts)) {
    return conflict(
      'no-device-capacity',
      `SmartServer ${facts.installCode} holds no device capacity license (its licenses went back to the cloud, or none was activated), so device ${device.name} is inaccessible and the scheduler and data logging are stopped. Activate a capacity license to ${verb} its datapoints again.`,
    );
  }
  return conflict(
    'device-unlicensed',
    `Device ${device.name} is unlicensed (purple): the ${licensedCapacity(facts.licenses)}-device capacity of SmartServer ${facts.installCode} is taken by devices created before it. Add capacity to ${verb} its datapoints; defining their properties (tags) stays allowed.`,
  );
}
