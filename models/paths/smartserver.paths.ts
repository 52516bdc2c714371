import { smartServerMachine, smartServerRefusal, type HeldLicense, type SmartServerEvent, type SmartServerLicensing } from '../smartserver';
import { PATH_TIME } from './license.paths';
import type { PathSpec } from './generate';

/**
 * The SmartServer machine's representative world: one SmartServer Pi (so a Core license, which
 * brings no capacity, can be held) that activates 10-device capacity from the cloud or from an
 * offline file, or a Core license from the cloud; returns everything; and loses and regains its
 * Internet connection. The number of licenses it holds bounds the traversal.
 */
export const SMARTSERVER_CAPACITY_MODEL = '72220-10';
export const SMARTSERVER_CORE_MODEL = 'SSPI-CORE';
const MAX_HELD = 3;

export type SmartServerActivation = 'cloud capacity' | 'file capacity' | 'cloud core';

function held(activation: SmartServerActivation, n: number): HeldLicense {
  const core = activation === 'cloud core';
  return {
    licenseId: `L${n}`,
    kind: core ? 'core' : 'capacity',
    capacity: core ? 0 : 10,
    activatedAt: PATH_TIME,
    mode: activation === 'file capacity' ? 'offline' : 'online',
  };
}

export function smartServerEvents(context: SmartServerLicensing): SmartServerEvent[] {
  const n = context.licenses.length + 1;
  return [
    { type: 'ACTIVATE', via: 'cloud', licenses: [held('cloud capacity', n)] },
    { type: 'ACTIVATE', via: 'file', licenses: [held('file capacity', n)] },
    { type: 'ACTIVATE', via: 'cloud', licenses: [held('cloud core', n)] },
    { type: 'RETURN_ALL', at: PATH_TIME },
    { type: 'SET_ONLINE', online: false },
    { type: 'SET_ONLINE', online: true },
  ];
}

/** Which of the representative activations an ACTIVATE event is. */
export function activationOf(event: Extract<SmartServerEvent, { type: 'ACTIVATE' }>): SmartServerActivation {
  if (event.via === 'file') return 'file capacity';
  return event.licenses.some((l) => l.kind === 'core') ? 'cloud core' : 'cloud capacity';
}

export function smartServerVariant(event: SmartServerEvent): string {
  switch (event.type) {
    case 'ACTIVATE':
      return `ACTIVATE(${activationOf(event)})`;
    case 'SET_ONLINE':
      return `SET_ONLINE(${event.online ? 'on' : 'off'})`;
    default:
      return event.type;
  }
}

export const SMARTSERVER_START: SmartServerLicensing = { installCode: 'S', edition: 'pi', online: true, licenses: [], maintenanceRule: 'exact' };

export const smartServerPathSpec: PathSpec<SmartServerEvent, SmartServerLicensing> = {
  machine: 'smartserver',
  logic: smartServerMachine,
  starts: [{ name: 'a SmartServer Pi holding no license', input: SMARTSERVER_START }],
  events: (_start, snapshot) => smartServerEvents(snapshot.context as SmartServerLicensing),
  variant: smartServerVariant,
  refusal: (snapshot, event) => smartServerRefusal(snapshot.context as SmartServerLicensing, event)?.code,
  stopWhen: (snapshot) => (snapshot.context as SmartServerLicensing).licenses.length >= MAX_HELD,
  maxLength: 12,
};
