import { defineParameterType } from '@cucumber/cucumber';
import { OPERATIONS, REFUSALS } from './lib/refusal-words';

export { OPERATIONS, REFUSALS };

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
  transformer: (text: string) =>
    text === 'no license'
      ? []
      : text
          .replace(/^an? /, '')
          .replace(/ licenses?$/, '')
          .split(/, | and /),
});

/** A device state as the CMS shows it, with its colour: "unprovisioned (blue)". */
defineParameterType({
  name: 'deviceState',
  regexp:
    /(unlicensed \(purple\)|unprovisioned \(blue\)|provisioning \(blue-spinner\)|provisioned \(green\)|provisioned \(green-red-ring\)|provisioned \(yellow\)|provisioned \(red\))/,
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

/** What was attempted, as a refusal step names it (the words are in lib/refusal-words.ts). */
defineParameterType({
  name: 'operation',
  regexp: new RegExp(`(${OPERATIONS.map((o) => o.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`),
  transformer: (text: string) => text,
});

/** Why an operation was refused, in a scenario's words; the transformer adds the problem code a Then step checks. */
defineParameterType({
  name: 'refusal',
  regexp: new RegExp(
    `(${Object.keys(REFUSALS)
      .map((r) => r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|')})`,
  ),
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
/**
 * The same words with a model number the scenario ordered ("its 72220-200 license"): the key is the
 * model (its current License ID) or "original of <model>" (the ID a transfer retired).
 */
const BY_MODEL = new RegExp(`^(the original of |the new ID of |)its (${MODEL}) license$`);
defineParameterType({
  name: 'recordedLicense',
  regexp: new RegExp(`(${Object.keys(RECORDED_LICENSES).join('|')}|(?:the original of |the new ID of )?its (?:${MODEL}) license)`),
  transformer: (text: string) => {
    const byModel = BY_MODEL.exec(text);
    if (RECORDED_LICENSES[text] || !byModel) return RECORDED_LICENSES[text];
    return byModel[1] === 'the original of ' ? `original of ${byModel[2]}` : byModel[2];
  },
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
