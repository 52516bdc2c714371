import WORDS from './words.js';

/**
 * What the pages show for the identifiers the API hands over, in the words of the emulator's one
 * vocabulary (emulator/kernel/plain-words.ts, served as words.js): statuses, device states and
 * colours, and refusals with a plain title and no API field syntax.
 */

/** Fills `{name}` from the record; a missing value drops the placeholder and the word before it (as fillWords in plain-words.ts). */
function fill(words, record = {}) {
  const placeholders = [...words.matchAll(/\{(\w+)\}/g)];
  const missing = placeholders.find((m) => record[m[1]] === undefined || record[m[1]] === null || record[m[1]] === '');
  const kept = missing ? words.slice(0, missing.index).replace(/\s+\w+\s*$/, '') : words;
  return kept.replace(/\{(\w+)\}/g, (_, name) => String(record[name]));
}

/** The words for `value` in one of the vocabulary's tables (`licenseStatus`, `deviceColour`, …). */
export function say(table, value, record) {
  if (value === undefined || value === null) return '';
  const words = WORDS.tables[table]?.[value];
  return words === undefined ? String(value) : fill(words, record);
}

const labelOf = (field) => {
  const last = String(field ?? '')
    .split('.')
    .pop();
  if (WORDS.fieldLabels[last]) return WORDS.fieldLabels[last];
  const spaced = last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
};

/** A rule the API worded for programs (`email: is required …`), said for a person. */
function plainRule(field, rule) {
  const label = labelOf(field);
  for (const [pattern, words] of WORDS.ruleRewordings) {
    const match = new RegExp(pattern).exec(rule);
    if (match)
      return words
        .replace('{label}', label)
        .replace(/\$(\d)/g, (_, i) => match[Number(i)] ?? '')
        .replace(/\.\.$/, '.');
  }
  return rule;
}

/** The title and detail a refusal shows. */
export function problemWords(problem) {
  const title = WORDS.problemTitles[problem.code] ?? WORDS.statusTitles[String(problem.status ?? 0)] ?? 'Refused';
  let detail = problem.detail || '';
  const prefix = problem.field ? `${problem.field}: ` : undefined;
  if (prefix && detail.startsWith(prefix)) detail = plainRule(problem.field, detail.slice(prefix.length));
  return { title, detail };
}
