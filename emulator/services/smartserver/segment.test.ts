import { expect, test } from 'vitest';
import type { Problem } from '../../kernel/problems';
import { requireSegment } from './customer-id';

test('a SmartServer takes a Customer ID for its own segment, or when the segment is not named', () => {
  expect(() => requireSegment('17q5t6a', '17q5t6a')).not.toThrow();
  expect(() => requireSegment(undefined, '17q5t6a')).not.toThrow();
  expect(() => requireSegment('', '17q5t6a')).not.toThrow();
});

test('another segment is not found, and a malformed one names the field', () => {
  const other = (() => {
    try {
      requireSegment('17qanut', '17q5t6a');
    } catch (e) {
      return e;
    }
  })() as Problem;
  expect([other.status, other.code]).toEqual([404, 'segment-not-found']);
  const malformed = (() => {
    try {
      requireSegment('Segment 1', '17q5t6a');
    } catch (e) {
      return e;
    }
  })() as Problem;
  expect([malformed.status, malformed.field]).toEqual([400, 'segmentId']);
});
