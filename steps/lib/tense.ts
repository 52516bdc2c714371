/**
 * The set-up form of an action's step text: "{string} activates …" happens now, "{string} has
 * activated …" has been done before the scenario's action. Plain data, so the step library and the
 * glossary's check agree on the words.
 */
const PARTICIPLES: Record<string, string> = {
  activates: 'activated',
  adds: 'added',
  assigns: 'assigned',
  buys: 'bought',
  confirms: 'confirmed',
  creates: 'created',
  deactivates: 'deactivated',
  discards: 'discarded',
  downloads: 'downloaded',
  enters: 'entered',
  gets: 'got',
  installs: 'installed',
  issues: 'issued',
  logs: 'logged',
  loses: 'lost',
  notes: 'noted',
  orders: 'ordered',
  provisions: 'provisioned',
  're-images': 're-imaged',
  reports: 'reported',
  resets: 'reset',
  restores: 'restored',
  returns: 'returned',
  runs: 'run',
  saves: 'saved',
  sends: 'sent',
  sets: 'set',
  switches: 'switched',
  tags: 'tagged',
  transfers: 'transferred',
  uploads: 'uploaded',
  withdraws: 'withdrawn',
  writes: 'written',
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The set-up form of an action's pattern (a Cucumber expression or a regular expression's source), or undefined for a verb it does not know. */
export function setUpForm(pattern: string): string | undefined {
  const passive = / (are|is) (\w+ed)\b/.exec(pattern);
  if (passive) return pattern.replace(passive[0], ` ${passive[1] === 'are' ? 'have' : 'has'} been ${passive[2]}`);
  let first: { index: number; length: number; participle: string } | undefined;
  for (const [verb, participle] of Object.entries(PARTICIPLES)) {
    const at = new RegExp(`(?<=^|[ )"^])${escapeRegExp(verb)}(?= )`).exec(pattern);
    if (at && (!first || at.index < first.index)) first = { index: at.index, length: verb.length, participle };
  }
  if (!first) return undefined;
  return `${pattern.slice(0, first.index)}has ${first.participle}${pattern.slice(first.index + first.length)}`;
}

/** The same for a pattern as the glossary shows it, a regular expression written /…/. */
export function setUpFormOfPattern(pattern: string): string | undefined {
  const regexp = /^\/(.*)\/$/.exec(pattern);
  const form = setUpForm(regexp ? regexp[1] : pattern);
  return form && regexp ? `/${form}/` : form;
}
