import { join } from 'node:path';
import { expect, test } from 'vitest';
import { Problem } from '../../kernel/problems';
import { checkFleetDescription, FleetDescriptionError, parseFleetText, readFleetFile, requireFleetDescription, type FleetIssue } from './description';

const issuesOf = (value: unknown): FleetIssue[] => {
  try {
    checkFleetDescription(value);
  } catch (error) {
    if (error instanceof FleetDescriptionError) return error.issues;
    throw error;
  }
  return [];
};

const group = (more: Record<string, unknown> = {}) => ({ name: 'lab', smartServers: [{ count: 2, ...more }] });

test('the example campus fleet file is a valid fleet description', () => {
  const fleet = readFleetFile(join(__dirname, 'examples', 'campus.yaml'));
  expect(fleet.name).toBe('campus');
  expect(fleet.smartServers.map((g) => g.group)).toEqual(['library', 'laboratories', 'residences', 'plant']);
});

test('each schema breach names its field as a path and the rule it breaks', () => {
  expect(issuesOf({ name: 'Campus', smartServers: [] })).toEqual([
    { field: 'name', rule: expect.stringMatching(/^must be the fleet's name: lowercase letters, digits and dashes/) },
    { field: 'smartServers', rule: 'must NOT have fewer than 1 items' },
  ]);
  expect(issuesOf(group({ count: 0, colour: 'red', devices: { lon: -1, knx: 3 } }))).toEqual(
    expect.arrayContaining([
      { field: 'smartServers[0].colour', rule: expect.stringMatching(/^is not a field here; the fields are group, count,/) },
      { field: 'smartServers[0].count', rule: 'must be >= 1' },
      { field: 'smartServers[0].devices.knx', rule: 'is not a field here; the fields are lon, bacnet, modbus' },
      {
        field: 'smartServers[0].devices.lon',
        rule: expect.stringMatching(/^must be a whole number of devices from 0 to 100000, \{uniform: \[min, max\]\} or \{normal: \{mean, sd\}\}/),
      },
    ]),
  );
  expect(issuesOf({ smartServers: [{ users: [{ username: 'x', userType: 'Boss' }] }] })).toEqual([
    { field: 'name', rule: 'is required' },
    { field: 'smartServers[0].users[0].userType', rule: 'must be one of Owner, Admin, Supervisor, User' },
  ]);
  expect(issuesOf(['not', 'a', 'fleet'])).toEqual([{ field: 'fleet', rule: 'must be a mapping (an object) with name and smartServers' }]);
});

test('an alternative that does not fit is reported once, in the words of the schema, not once per branch', () => {
  const issues = issuesOf(group({ version: 4, pi: 2, online: 'yes', devices: { bacnet: { uniform: [5] }, modbus: { normal: { mean: 3 } } } }));
  expect(issues.map((i) => i.field)).toEqual([
    'smartServers[0].version',
    'smartServers[0].pi',
    'smartServers[0].online',
    'smartServers[0].devices.bacnet',
    'smartServers[0].devices.modbus',
  ]);
  expect(issues[1].rule).toBe('must be true, false, or a share of the group from 0 to 1');
});

test('rules beyond the schema: releases exist, Pi needs 4.2, a fixed install code is for a group of one and unique, ranges run upwards', () => {
  expect(issuesOf(group({ version: ['4.0', 'four'] }))).toEqual([
    { field: 'smartServers[0].version[1]', rule: 'must be a SmartServer release such as 3.3, 4.0 or "3.3 Update 1"' },
  ]);
  expect(issuesOf(group({ version: { '4.3': 1, '4.0': 1 }, pi: 0.5 }))).toEqual([
    { field: 'smartServers[0].pi', rule: expect.stringMatching(/^SmartServer Pi exists from release 4\.2 on, and this group may run 4\.0/) },
  ]);
  expect(issuesOf(group({ installCode: '17q5t6a' }))).toEqual([
    { field: 'smartServers[0].installCode', rule: 'is for a group of one; leave it out to have install codes generated' },
  ]);
  expect(issuesOf({ name: 'lab', smartServers: [{ installCode: '17q5t6a' }, { installCode: '17q5t6a' }] })).toEqual([
    { field: 'smartServers[1].installCode', rule: 'repeats the install code of smartServers[0]' },
  ]);
  expect(issuesOf(group({ devices: { lon: { uniform: [9, 2] } } }))).toEqual([
    { field: 'smartServers[0].devices.lon.uniform', rule: 'must be [min, max] with min at most max' },
  ]);
  expect(
    issuesOf(
      group({
        users: [
          { username: 'a', userType: 'Owner' },
          { username: 'a', userType: 'User' },
        ],
      }),
    ),
  ).toEqual([{ field: 'smartServers[0].users[1].username', rule: 'repeats the user name a' }]);
  expect(issuesOf({ name: 'big', smartServers: [{ count: 60_000 }, { count: 50_000 }] })).toEqual([
    { field: 'smartServers', rule: 'must hold at most 100000 SmartServers in all; these groups hold 110000' },
  ]);
});

test('a YAML mistake is reported with the file, line and column', () => {
  expect(() => parseFleetText('name: lab\nsmartServers:\n  - count: [1\n', 'lab.yaml')).toThrow(FleetDescriptionError);
  const duplicate = (() => {
    try {
      parseFleetText('name: lab\nname: again\n', 'lab.yaml');
    } catch (error) {
      return error as FleetDescriptionError;
    }
  })();
  expect(duplicate?.issues).toEqual([{ field: 'lab.yaml:2:1', rule: 'Map keys must be unique' }]);
  expect(parseFleetText('{"name": "lab", "smartServers": [{"count": 1}]}')).toEqual({ name: 'lab', smartServers: [{ count: 1 }] });
});

test('through the API a bad description is a 400 problem naming the first field, with every issue in the detail', () => {
  try {
    requireFleetDescription({ name: 'lab', smartServers: [{ count: -1, pi: 'no' }] });
    expect.unreachable();
  } catch (error) {
    expect(error).toBeInstanceOf(Problem);
    expect(error).toMatchObject({ status: 400, code: 'invalid-input', field: 'smartServers[0].count' });
    expect((error as Problem).detail).toMatch(/^smartServers\[0\]\.count: must be >= 1; smartServers\[0\]\.pi: must be true, false/);
  }
});
