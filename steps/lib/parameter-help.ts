/**
 * What each parameter of the step library stands for, in words for people writing scenarios, and
 * what must be set up before a step can use it. Plain data: the step glossary (`sslab steps`) lists
 * it beside the values it reads from the parameter types themselves.
 */
export interface ParameterHelp {
  means: string;
  /** What an earlier step must have set up for a value to be usable. */
  needs?: string;
}

export const PARAMETER_HELP: Record<string, ParameterHelp> = {
  string: {
    means: 'text in double quotes: a partner, customer or SmartServer name (introduced by an earlier step), a PO number, a release, an install code or a note',
  },
  int: { means: 'a whole number, such as 3 or 200' },
  float: { means: 'a number, such as 2.5' },
  word: { means: 'one word without spaces' },
  models: { means: 'one or more model numbers, joined with ", " and " and ": 72220-200, or 72220-10, 72220-50 and 92201R-P-10' },
  licenseSet: { means: 'which licenses: "no license", "a 72220-10 license", or "72220-10 and 92201R-P-10 licenses"' },
  deviceState: { means: 'a device state as the CMS shows it, with its colour in brackets' },
  userType: {
    means: 'a CMS user type',
    needs:
      'the SmartServer must have that user: one made by "SmartServer … runs release …" has an Owner and a User; the SmartServer on record (the seed) has all four; "… which has no Internet connection, is on record" has only an Owner',
  },
  date: { means: 'a calendar date, year-month-day: 2026-01-31' },
  operation: { means: 'what the previous step attempted, as a refusal names it' },
  refusal: { means: 'why it was refused, in the words a product owner reads; each stands for one problem code the system answers' },
  recordedLicense: {
    means:
      'a license the scenario knows: by its role in the data on record ("its capacity license", "the original of its capacity license", "the license in its inventory"), or by model number ("its 72220-200 license", "the original of its 72220-200 license", "the new ID of its 72220-200 license")',
    needs:
      'the role forms need "the partner … and its customer … are on record"; the model-number forms need that model ordered in the scenario ("partner … has ordered on PO …"), and "the original of" needs it transferred',
  },
  feature: { means: 'a built-in SmartServer feature, as the documents name it' },
  days: { means: 'days before the end of maintenance: "30", or "60, 30 and 7"' },
  ecxFeature: { means: 'an EcoStruxure license feature as Device Administrator shows it' },
  ecxOperation: { means: 'what the EcoStruxure engineer attempted, as a refusal names it' },
  ecxRefusal: { means: 'why Device Administrator or the license server refused it; each stands for one problem code' },
};

/** The rules every scenario of the suite follows, printed at the head of the glossary. */
export const HOUSE_RULES: readonly string[] = [
  'An operation that may be refused is followed, before the next operation, by "{operation} is refused because {refusal}": without that later check a refusal fails the step that met it at once, and the check fails when the operation succeeded or was refused for another reason. "{operation} succeeds" says it went through.',
  'Every name in quotes is introduced before it is used: partners and customers by an order, a transfer or "… are on record"; SmartServers by "SmartServer … runs release …" or "the SmartServer … is on record".',
  'Which CMS users a SmartServer has depends on the step that set it up: "SmartServer … runs release …" and "SmartServer Pi … runs release …" give an Owner and a User; "the SmartServer … is on record" gives the seed\'s Owner, Admin, Supervisor and User; "the SmartServer …, which has no Internet connection, is on record" gives only an Owner. Licensing is the Owner\'s alone.',
  'Set-up steps say what has been done ("has ordered", "has activated", "has created"); actions say what happens now ("orders", "activates", "creates"). Most actions have a set-up form, for scenarios that need them as a given.',
  'Scenarios that move the clock carry @clock, those that need the order back office or the control plane @backoffice, those checked through the pages @ui; a scenario resting on a behaviour the vendors leave open carries @inferred.',
];
