import { CucumberExpression, ParameterType, ParameterTypeRegistry, RegularExpression, type Expression } from '@cucumber/cucumber-expressions';
import { expect, test } from 'vitest';

const registry = new ParameterTypeRegistry();
registry.defineParameterType(
  new ParameterType('licenseSet', /(no license|an? (?:72220-\d+) license|(?:72220-\d+)(?:(?:, | and )(?:72220-\d+))* licenses)/, Array, (text: string) =>
    text.split(/, | and /),
  ),
);
registry.defineParameterType(new ParameterType('userType', /(Owner|Admin|Supervisor|User)/, String, (text: string) => text));

/** Step expressions shaped like the suite's: parameters, optional text, alternatives, nested and unmatched groups. */
const CASES: [Expression, string][] = [
  [
    new CucumberExpression('customer {string} has activated {licenseSet} on {string}', registry),
    'customer "P2022-0208" has activated a 72220-50 license on "Plant room"',
  ],
  [
    new CucumberExpression('customer {string} has activated {licenseSet} on {string}', registry),
    'customer "X" has activated 72220-10, 72220-50 and 72220-100 licenses on "Roof"',
  ],
  [new CucumberExpression('{int} device(s) of {string} is/are licensed', registry), '49 devices of "Plant room" are licensed'],
  [new CucumberExpression('the {userType} of {string} opens Manage Licenses', registry), 'the Owner of "Plant room" opens Manage Licenses'],
  [
    new RegularExpression(/^the licensing cloud (is unavailable|does not answer in time|answers only after a while|recovers)$/, registry),
    'the licensing cloud recovers',
  ],
  [
    new RegularExpression(/^(\d+) devices? of "([^"]*)"(?: (are|is) (licensed|unlicensed))?( and (\d+) (?:are|is) unlicensed)?$/, registry),
    '59 devices of "Plant room" are licensed and 1 is unlicensed',
  ],
  [
    new RegularExpression(/^(\d+) devices? of "([^"]*)"(?: (are|is) (licensed|unlicensed))?( and (\d+) (?:are|is) unlicensed)?$/, registry),
    '3 devices of "Lab"',
  ],
];

/** A group inside a repetition holds its last iteration; the polyfill placed it at the first. */
const REPEATED = new RegularExpression(/^a ((?:nested (group) )+)ends here$/i, registry);
const REPEATED_TEXT = 'A nested group nested group ends here';

interface GroupLike {
  start?: number;
  end?: number;
  value?: string;
  children?: readonly GroupLike[];
}
const where = (g: GroupLike): unknown => ({ start: g.start, end: g.end, value: g.value, children: (g.children ?? []).map(where) });

/** What cucumber hands a step definition, and where each argument and its inner groups sit in the step text. */
function matched(expression: Expression, text: string) {
  return expression.match(text)?.map((arg) => ({ value: arg.getValue(null), group: where(arg.group) })) ?? null;
}

test('steps match with the same arguments, at the same places, with native match indices as with the polyfill', async () => {
  const withPolyfill = CASES.map(([expression, text]) => matched(expression, text));
  expect(withPolyfill.every((m) => m !== null)).toBe(true);
  const repeatedWithPolyfill = REPEATED.match(REPEATED_TEXT)![0].group;

  const { useNativeMatchIndices } = await import('./native-match-indices');
  expect(useNativeMatchIndices()).toBe(true);

  // Fresh expressions too, so nothing the first pass left behind is reused.
  expect(CASES.map(([expression, text]) => matched(expression, text))).toEqual(withPolyfill);
  expect(
    CASES.map(([expression, text]) =>
      matched(
        expression instanceof CucumberExpression
          ? new CucumberExpression(expression.source, registry)
          : new RegularExpression((expression as RegularExpression).regexp, registry),
        text,
      ),
    ),
  ).toEqual(withPolyfill);
  expect(matched(CASES[0][0], 'customer "P" has activated nothing')).toBeNull();

  // The same values; the inner group now sits where the regexp itself captured it.
  const repeated = REPEATED.match(REPEATED_TEXT)![0].group;
  expect(repeated.value).toBe(repeatedWithPolyfill.value);
  expect(repeated.children?.map((c) => c.value)).toEqual(repeatedWithPolyfill.children?.map((c) => c.value));
  expect(repeated.children?.[0].start).toBe(REPEATED_TEXT.lastIndexOf('group'));
});

test('a step is told apart from a definition by the literal text the definition starts with, and never ruled out wrongly', async () => {
  const { literalPrefix } = await import('./native-match-indices');
  expect(literalPrefix(/^the licensing cloud (is unavailable|recovers)$/)).toBe('the licensing cloud ');
  expect(literalPrefix(/^(\d+) devices? of "([^"]*)"$/)).toBe('');
  expect(literalPrefix(/^devices? of$/)).toBe('device');
  expect(literalPrefix(/^a file\.json named$/)).toBe('a file.json named');
  expect(literalPrefix(/^an? order$/)).toBe('a');
  expect(literalPrefix(/^the \d+ licenses$/)).toBe('the ');
  expect(literalPrefix(/^the end$/)).toBe('the end');
  // Not anchored, case-blind, or an alternative at the top: nothing is assumed.
  expect(literalPrefix(/the end$/)).toBe('');
  expect(literalPrefix(/^the end$/i)).toBe('');
  expect(literalPrefix(/^the start|the end$/)).toBe('');
  expect(literalPrefix(/^the (start|end)$/)).toBe('the ');
  expect(literalPrefix(new CucumberExpression('{int} device(s) of {string} is/are licensed', registry).regexp)).toBe('');
  expect(literalPrefix(new CucumberExpression('the {userType} of {string} opens Manage Licenses', registry).regexp)).toBe('the ');

  // Steps that share a definition's first words but not the rest, or not even those, are still refused.
  expect(matched(new CucumberExpression('the {userType} of {string} opens Manage Licenses', registry), 'the Owner of "X" closes it')).toBeNull();
  expect(matched(new RegularExpression(/^the licensing cloud (recovers)$/, registry), 'a licensing cloud recovers')).toBeNull();
  expect(matched(new RegularExpression(/^the licensing cloud (recovers)$/, registry), 'the licensing cloud recovers')).not.toBeNull();
});

test('a definition that does not start with literal text is told apart by the longest literal text every match holds', async () => {
  const { requiredLiteral } = await import('./native-match-indices');
  expect(requiredLiteral(/^(\d+) devices? of "([^"]*)" are licensed$/)).toBe('" are licensed');
  expect(requiredLiteral(/^"([^"]*)" holds no device capacity$/)).toBe('" holds no device capacity');
  expect(requiredLiteral(/^the (start|end) of it$/)).toBe(' of it');
  // A character a quantifier follows is not required; an escaped one is.
  expect(requiredLiteral(/^(\d+) files?\.json$/)).toBe(' file');
  expect(requiredLiteral(/^(\d+) a\.b$/)).toBe(' a.b');
  // Literal text inside a group, a class or after an escape class is not taken.
  expect(requiredLiteral(/^(abc) [xyz]\d de$/)).toBe(' de');
  // Case-blind, or an alternative at the top: nothing is assumed.
  expect(requiredLiteral(/^(\d+) are licensed$/i)).toBe('');
  expect(requiredLiteral(/^(\d+) are licensed|(\d+) is licensed$/)).toBe('');
  const capacity = new CucumberExpression('{string} has a device capacity of {int}', registry);
  expect(requiredLiteral(capacity.regexp)).toBe(' has a device capacity of ');
  expect(matched(capacity, '"Lab" has a device capacity of 50')).not.toBeNull();
  expect(matched(capacity, '"Lab" has a used capacity of 50')).toBeNull();
  // Every case the suite's steps are shaped like still matches with the same arguments.
  for (const [expression, text] of CASES) expect(matched(expression, text)).not.toBeNull();
});
