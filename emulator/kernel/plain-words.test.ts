import { expect, test } from 'vitest';
import { DEVICE_STATES } from '../../models/device.machine';
import { fillWords, pageVocabulary, PROBLEM_TITLES, STATUS_TITLES, valueFor, WORD_TABLES, type WordTable, wordsFor } from './plain-words';

test('every value of every table reads back from its words, with and without the values its placeholders take', () => {
  for (const [table, words] of Object.entries(WORD_TABLES) as [WordTable, Record<string, string>][]) {
    for (const value of Object.keys(words)) {
      expect(valueFor(table, wordsFor(table, value, { installCode: '17qanut' })), `${table}.${value}`).toBe(value);
      expect(valueFor(table, wordsFor(table, value)), `${table}.${value} without its values`).toBe(value);
    }
  }
  expect(valueFor('licenseStatus', 'Something else')).toBeUndefined();
});

test('a license status names the SmartServer when the record says which, and drops the words that lead to it when not', () => {
  expect(wordsFor('licenseStatus', 'offlineFileIssued', { installCode: '17qanut' })).toBe('File issued for 17qanut');
  expect(wordsFor('licenseStatus', 'offlineFileIssued', {})).toBe('File issued');
  expect(wordsFor('licenseStatus', 'retired')).toBe('Retired — kept for tracking');
  expect(fillWords('Activated on {installCode}', { installCode: null })).toBe('Activated');
  // A value the table does not know is shown as it came rather than hidden.
  expect(wordsFor('licenseStatus', 'somethingNew')).toBe('somethingNew');
});

test('every device state the model knows has its words', () => {
  for (const state of DEVICE_STATES) expect(WORD_TABLES.deviceState[state], state).toBeTruthy();
});

test('no refusal title is an HTTP reason phrase', () => {
  const reasonPhrases = [
    'Bad request',
    'Unauthenticated',
    'Unauthorized',
    'Forbidden',
    'Not found',
    'Conflict',
    'Business rule broken',
    'Unprocessable entity',
  ];
  for (const title of [...Object.values(PROBLEM_TITLES), ...Object.values(STATUS_TITLES)]) expect(reasonPhrases, title).not.toContain(title);
});

test('the vocabulary the pages receive is plain data that survives JSON, rule patterns included', () => {
  const vocabulary = pageVocabulary();
  expect(JSON.parse(JSON.stringify(vocabulary))).toEqual(vocabulary);
  for (const [pattern] of vocabulary.ruleRewordings) expect(() => new RegExp(pattern), pattern).not.toThrow();
});
