import { expect, test } from 'vitest';
import { alternativesOf, captureGroups, parameterNames } from './step-parameters';

test('an alternation of plain words is listed word by word, escaped characters as themselves', () => {
  expect(alternativesOf('(Owner|Admin|Supervisor|User)')).toEqual(['Owner', 'Admin', 'Supervisor', 'User']);
  expect(alternativesOf(String.raw`(unlicensed \(purple\)|provisioned \(green\))`)).toEqual(['unlicensed (purple)', 'provisioned (green)']);
  expect(alternativesOf('^(?:on|off)$')).toEqual(['on', 'off']);
});

test('a pattern that is more than a list of words gives no list', () => {
  expect(alternativesOf(String.raw`(\d{4}-\d{2}-\d{2})`)).toBeUndefined();
  expect(alternativesOf('(no license|an? [0-9]+ license)')).toBeUndefined();
  expect(alternativesOf('(one)')).toBeUndefined();
  expect(alternativesOf('(a|)')).toBeUndefined();
  expect(alternativesOf('(a|b)(c|d)')).toBeUndefined();
});

test("a regular expression's capturing groups come in the order of their arguments, non-capturing ones left out", () => {
  expect(captureGroups(String.raw`^the (Owner|User) of "([^"]*)" activates (?:only )?the (new |retired \(old\) |)(\S+) license$`)).toEqual([
    '(Owner|User)',
    '([^"]*)',
    String.raw`(new |retired \(old\) |)`,
    String.raw`(\S+)`,
  ]);
});

test("a Cucumber expression's parameters are read by name, escaped braces and optional text left alone", () => {
  expect(parameterNames(String.raw`{string} transfers its {models} license(s) to \{x\} {}`)).toEqual(['string', 'models', '']);
});
