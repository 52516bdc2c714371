import { defineParameterType } from '@cucumber/cucumber';

/**
 * The EcoStruxure vocabulary of the scenarios. Step files import this module, so the types are
 * defined once, before cucumber builds the step definitions.
 */

/** A license feature by the name Device Administrator shows. */
defineParameterType({
  name: 'ecxFeature',
  regexp: /(SmartDriver|SNMP Notifications|Personal Dashboards|MQTT|TimescaleDB|Connected devices)/,
  transformer: (text: string) => text,
});

/** What the engineer attempted, as a refusal step names it. */
export const ECX_OPERATIONS = [
  'adding the entitlement',
  'the assignment',
  'the online activation',
  'the deactivation',
  'sending the response file',
  'the online return',
  'the return confirmation',
] as const;
defineParameterType({
  name: 'ecxOperation',
  regexp: new RegExp(`(${ECX_OPERATIONS.join('|')})`),
  transformer: (text: string) => text,
});

/** Why it was refused, in the scenario's words, with the stable problem code the system answers with. */
export const ECX_REFUSALS: Record<string, string> = {
  'the certificate file is malformed': 'invalid-input',
  'the entitlement is already in Device Administrator': 'entitlement-already-added',
  'the license does not apply to the server': 'license-not-applicable',
  'not enough seats are free': 'not-enough-seats',
  'the server already has that feature': 'feature-already-on-server',
  'the offline return is not confirmed yet': 'return-not-confirmed',
  'the server has no Internet access': 'server-without-internet',
  'the server uses HTTPS without certificates': 'server-certificates-missing',
  'the license is already active on the server': 'license-already-active',
  'an activated license cannot be deactivated': 'license-cannot-be-deactivated',
  'the file is not a response file': 'invalid-input',
  'the response file is for another server': 'response-for-another-server',
  'the response file has not reached the server': 'return-not-sent-to-server',
};
defineParameterType({
  name: 'ecxRefusal',
  regexp: new RegExp(`(${Object.keys(ECX_REFUSALS).join('|')})`),
  transformer: (text: string) => ({ reason: text, code: ECX_REFUSALS[text] }),
});

/** "yes" or "no" in a table cell; an empty cell keeps the default. */
export function yesNo(cell: string | undefined): boolean | undefined {
  if (cell === undefined || cell.trim() === '') return undefined;
  if (!['yes', 'no'].includes(cell.trim())) throw new Error(`expected yes or no, got "${cell}"`);
  return cell.trim() === 'yes';
}
