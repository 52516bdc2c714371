import { expect, test } from 'vitest';
import { Problem } from '../../kernel/problems';
import { meets, readDatapointFilter } from './filter';

test('the documented addresses read as parts with conditions', () => {
  expect(readDatapointFilter('*+name==Room1', 'thermostat', '0', 'nviSetpoint')).toEqual({
    device: { name: undefined, conditions: [{ key: 'name', value: 'Room1' }] },
    block: { name: 'thermostat', conditions: [] },
    index: 0,
    datapoint: { name: 'nviSetpoint', conditions: [] },
  });
  expect(readDatapointFilter('*', '*', '*', '*+tag==lobby')).toMatchObject({ index: undefined, datapoint: { conditions: [{ key: 'tag', value: 'lobby' }] } });
  expect(readDatapointFilter('*+health==DOWN+protocol==lon', '*', '*', '*').device.conditions).toHaveLength(2);
});

test('a wrong address is refused naming the part and the rule', () => {
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return error instanceof Problem ? [error.field, error.detail] : error;
    }
    throw new Error('not refused');
  };
  expect(refusal(() => readDatapointFilter('*+colour==red', '*', '*', '*'))).toEqual(['filter', expect.stringMatching(/unknown condition key "colour"/)]);
  expect(refusal(() => readDatapointFilter('*+name', '*', '*', '*'))).toEqual(['filter', expect.stringMatching(/must read key==value/)]);
  expect(refusal(() => readDatapointFilter('*', '*', 'one', '*'))).toEqual(['index', expect.any(String)]);
  expect(refusal(() => readDatapointFilter('', '*', '*', '*'))).toEqual(['filter', expect.any(String)]);
});

test('names are compared exactly; provision states and health ignore case, as the docs write them both ways', () => {
  expect(meets('name', 'Room1', 'room1')).toBe(false);
  expect(meets('health', 'down', 'DOWN')).toBe(true);
  expect(meets('state', 'provisioned', 'PROVISIONED')).toBe(true);
  expect(meets('name', undefined, 'x')).toBe(false);
});
