import { setUpFormOfPattern } from '../steps/lib/tense';
import type { GlossaryEntry } from './step-glossary';

/**
 * Every action has a set-up form ("has activated …") for scenarios that need it as a given, but for
 * those only a scenario's own When makes sense of: attempts made to be refused, looks at a screen,
 * the clock. Those are listed here, each with why.
 */
export const NOT_A_GIVEN: Readonly<Record<string, string>> = {
  'the Owner of {string} closes Manage Licenses without adding a license': 'a look at a screen',
  '/^someone logs in to the customer portal with (?:the retired original of the (\\S+) license|an email no partner registered)$/':
    'an attempt made to be refused',
  '{string} logs in to the partner portal with a wrong password': 'an attempt made to be refused',
  'someone logs in to the partner portal with an email nobody uses': 'an attempt made to be refused',
  '/^"([^"]*)" transfers the retired original of the (\\S+) license to the (existing|new) customer "([^"]*)"$/': 'an attempt made to be refused',
  '{string} creates an offline activation file of the retired original of its {models} license for {string}': 'an attempt made to be refused',
  '{string} withdraws the offline activation file of the retired original of its {models} license': 'an attempt made to be refused',
  'Customer Success issues an offline maintenance file of the retired original of the {models} license for {string}': 'an attempt made to be refused',
  '/^"([^"]*)" transfers the retired original of its (\\S+) license to the customer "([^"]*)"$/': 'an attempt made to be refused',
  '{string} creates an offline activation file of its {models} license for {string}, confirming the install code as {string}':
    'an attempt made to be refused (the set-up form is "has created an offline activation file")',
  "the integration asks for the cloud's licenses of {string} while it watches the SmartServer's updates": 'a look at what the SmartServer sends',
  'an app of {string} reads {string} through IAP\\/REST': 'a look at what the device reports',
  'a connector follows {string} over IAP\\/MQ': 'a look at what the SmartServer publishes',
  'the connector asks {string} to {word} its {word} device {string}':
    'a request over IAP/MQ whose answer the scenario checks next; the set-up forms are the CMS\'s ("… has provisioned …")',
  '{int} days pass': 'the clock; the set-up form is "today is {date}"',
  '/^the date is (?:(\\d+) (days|years) before |the day (after )?)maintenance ends$/': 'the clock; the set-up form is "today is {date}"',
  '/^"([^"]*)" searches (with no criterion|by its PO number|by the PO number "[^"]*"|by the customer name "[^"]*")(, only assets with available activations|)$/':
    'a look at a screen',
  '{string} opens the order details of {recordedLicense}': 'a look at a screen',
  '/^"([^"]*)" looks up the Customer ID of "([^"]*)" (in the Search tab\'s customer list|by typing the name in My Inventory)$/': 'a look at a screen',
  'the {userType} of {string} opens Manage Licenses': 'a look at a screen',
  'the {userType} of {string} asks the cloud which licenses it can download': 'a look at a screen',
  'the Owner of {string} opens Manage Customer Accounts': 'a look at a screen',
  'the engineer activates the {ecxFeature} license of {string} again': 'an attempt made to be refused',
  'the engineer deactivates the {ecxFeature} license of {string}': 'an attempt made to be refused',
  'the engineer adds the entitlement of {string} from a certificate file whose first seat count reads {string}': 'an attempt made to be refused',
  'the engineer sends the request file of {string} to the server as if it were the response': 'an attempt made to be refused',
  '/^the (Owner|Admin|Supervisor|User) of "([^"]*)" sets maintenance notifications to "([^"]*)" on ([\\d, and]+) days before the end(, with renewal confirmations)?$/':
    'the set-up form is the Owner\'s: "the Owner of … has set maintenance notifications to …"',
};

/** Actions (When steps) with neither a set-up form among the steps nor a reason to have none. */
export function missingSetUpForms(entries: readonly GlossaryEntry[]): string[] {
  const patterns = new Set(entries.map((e) => e.pattern));
  return entries
    .filter((e) => e.keyword === 'When' && NOT_A_GIVEN[e.pattern] === undefined)
    .filter((e) => {
      const form = setUpFormOfPattern(e.pattern);
      return form === undefined || !patterns.has(form);
    })
    .map((e) => `${e.pattern} (${e.file}:${e.line})`);
}
