import { expect, test } from 'vitest';
import { stepsExpectingRefusal } from './refusal-lookahead';

const step = (id: string, type: string, text: string) => ({ id, type, text });

test('the action before a refusal check expects the refusal, other steps do not', () => {
  const steps = [
    step('1', 'Context', 'the partner "Northwind" and its customer "P-Building 1" are on record'),
    step('2', 'Action', '"Northwind" logs in to the partner portal with a wrong password'),
    step('3', 'Outcome', 'the login is refused because the credentials are not right'),
    step('4', 'Action', '"Northwind" logs in to the partner portal'),
    step('5', 'Outcome', '"Northwind" sees its own inventory'),
  ];
  expect([...stepsExpectingRefusal(steps)]).toEqual(['2']);
});

test('outcome steps between the action and the refusal check are skipped over', () => {
  const steps = [
    step('1', 'Action', 'the Owner of "Plant room" activates every license offered by the cloud'),
    step('2', 'Outcome', '"Plant room" has a device capacity of 0 and a used capacity of 1'),
    step('3', 'Outcome', 'the activation is refused because the SmartServer has no Internet connection'),
  ];
  expect([...stepsExpectingRefusal(steps)]).toEqual(['1']);
});

test('a scenario without a refusal check expects none', () => {
  expect(stepsExpectingRefusal([step('1', 'Action', 'x'), step('2', 'Outcome', 'y')]).size).toBe(0);
});
