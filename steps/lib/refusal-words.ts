/**
 * The words the Gherkin uses for attempted operations and for the reasons they are refused, with
 * the problem code the system answers each reason with. Plain data, so tools outside a cucumber
 * run (the generated-path runner) print refusals in the same words the step definitions read.
 */

/** What was attempted, as a refusal step names it: "the transfer", "Manage Licenses". */
export const OPERATIONS = [
  'the login',
  'the transfer',
  'the search',
  'the download',
  'the activation',
  'the return',
  'Manage Licenses',
  'the device operation',
  'the installation',
  're-imaging',
  'the offline file',
  'withdrawing the file',
  'loading the file',
  'editing the notifications',
  'the opening of the order details',
  'adding the device',
  'switching the feature on',
  'reading the datapoint',
  'writing the datapoint',
  'the IAP/MQ request',
] as const;

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
  'the SmartServer holds no device capacity': 'no-device-capacity',
  'no Customer ID was saved': 'no-customer-id',
  'the file was made for another SmartServer': 'offline-file-foreign',
  'the file was loaded already': 'offline-file-replayed',
  'the file was withdrawn': 'offline-file-withdrawn',
  'the file has expired': 'offline-file-expired',
  'the two install codes differ': 'invalid-input',
  'the license is bound by an offline file': 'license-bound-offline',
  'no offline file is waiting to be loaded': 'no-offline-file',
  'the license is already active': 'license-already-active',
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
