import { defineParameterType } from '@cucumber/cucumber';

const MODEL = String.raw`\d{5}R?-[\w-]+|SSPI-CORE`;

/** One or more model numbers: "72220-200", "72220-200 and 92201R-P-200", "72220-10, 72220-50 and 72220-200". */
defineParameterType({
  name: 'models',
  regexp: new RegExp(`((?:${MODEL})(?:(?:, | and )(?:${MODEL}))*)`),
  transformer: (text: string) => text.split(/, | and /),
});

/** Which licenses a customer holds: "no license", "a 72220-10 license", "72220-10 and 92201R-P-10 licenses". */
defineParameterType({
  name: 'licenseSet',
  regexp: new RegExp(`(no license|an? (?:${MODEL}) license|(?:${MODEL})(?:(?:, | and )(?:${MODEL}))* licenses)`),
  transformer: (text: string) => (text === 'no license' ? [] : text.replace(/^an? /, '').replace(/ licenses?$/, '').split(/, | and /)),
});

/** A device state as the CMS shows it, with its colour: "unprovisioned (blue)". */
defineParameterType({
  name: 'deviceState',
  regexp: /(unlicensed \(purple\)|unprovisioned \(blue\)|provisioning \(blue-spinner\)|provisioned \(green\)|provisioned \(green-red-ring\)|provisioned \(yellow\)|provisioned \(red\))/,
  transformer: (text: string) => {
    const [state, colour] = /^(\w+) \(([\w-]+)\)$/.exec(text)!.slice(1);
    return { state, colour };
  },
});

/** A CMS user type. */
defineParameterType({
  name: 'userType',
  regexp: /(Owner|Admin|Supervisor|User)/,
  transformer: (text: string) => text,
});

/** A calendar date, ISO style. */
defineParameterType({
  name: 'date',
  regexp: /(\d{4}-\d{2}-\d{2})/,
  transformer: (text: string) => text,
});

/** What was attempted, as a refusal step names it: "the transfer", "Manage Licenses". */
export const OPERATIONS = [
  'the login', 'the transfer', 'the search', 'the download', 'the activation', 'the return', 'Manage Licenses',
  'the device operation', 'the installation', 're-imaging', 'the offline file', 'loading the file',
  'editing the notifications', 'the opening of the order details', 'adding the device', 'switching the feature on',
] as const;
defineParameterType({
  name: 'operation',
  regexp: new RegExp(`(${OPERATIONS.map((o) => o.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`),
  transformer: (text: string) => text,
});

/**
 * Why an operation was refused, in the words a scenario uses, with the stable problem code the
 * system answers with. A Then step checks the code; the words are what the product owner reads.
 */
export const REFUSALS: Record<string, string> = {
  'the credentials are not right': 'invalid-credentials',
  'the License ID was retired': 'license-retired',
  'the contact email belongs to another customer': 'contact-email-taken',
  'the customer account was not found': 'customer-account-not-found',
  'the partner holds no such license': 'license-not-found',
  'no such license is offered to this customer': 'license-for-this-customer-id-not-found',
  'the license is active on a SmartServer': 'license-active',
  'only the Owner may manage licenses': 'owner-only',
  'the SmartServer has no Internet connection': 'smartserver-offline',
  'maintenance has already expired': 'maintenance-expired',
  'the maintenance license does not match the capacity': 'maintenance-capacity-mismatch',
  'the device is unlicensed': 'device-unlicensed',
  'no Customer ID was saved': 'no-customer-id',
  'the file was made for another SmartServer': 'offline-file-foreign',
  'the file was loaded already': 'offline-file-replayed',
  'maintenance files come from Customer Success': 'offline-maintenance-needs-customer-success',
  'maintenance is not active': 'maintenance-required',
  'the release has no license management': 'no-license-management',
  'the SmartServer Pi has no Core license': 'core-license-required',
  'LON needs SmartServer Pi 4.3': 'lon-needs-pi-4.3',
  'a Core license is for SmartServer Pi only': 'core-needs-pi',
  'the licensing cloud is unavailable': 'cloud-unavailable',
  'the licensing cloud did not answer in time': 'cloud-timeout',
  'the feature is not available': 'feature-unavailable',
};
defineParameterType({
  name: 'refusal',
  regexp: new RegExp(`(${Object.keys(REFUSALS).map((r) => r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`),
  transformer: (text: string) => ({ reason: text, code: REFUSALS[text] }),
});

/** A license on record, as a scenario calls it, and the key the World keeps its License ID under. */
export const RECORDED_LICENSES: Record<string, string> = {
  'the original of its capacity license': 'retired',
  'the new ID of its capacity license': 'capacity',
  'its capacity license': 'capacity',
  'its maintenance license': 'maintenance',
  'the license in its inventory': 'inventory',
};
defineParameterType({
  name: 'recordedLicense',
  regexp: new RegExp(`(${Object.keys(RECORDED_LICENSES).join('|')})`),
  transformer: (text: string) => RECORDED_LICENSES[text],
});

/** A built-in SmartServer feature as the documents name it, and its key in the API. */
export const FEATURES: Record<string, string> = {
  'LON Remote Network Interface': 'lon-rni',
  'LON routing': 'lon-routing',
  'BACnet routing': 'bacnet-routing',
  scheduler: 'scheduler',
  'data logging': 'data-logging',
};
defineParameterType({
  name: 'feature',
  regexp: new RegExp(`(${Object.keys(FEATURES).join('|')})`),
  transformer: (text: string) => FEATURES[text],
});

/** Days before the end of maintenance: "60, 30 and 7" or "30". */
defineParameterType({
  name: 'days',
  regexp: /(\d+(?:(?:, | and )\d+)*)/,
  transformer: (text: string) => text.split(/, | and /).map(Number),
});
