import { expect, test } from 'vitest';
import { ApiProblem } from '../drivers/http-client';
import { printFeature, printScenario, quoted } from './gherkin';
import { PathFailure, refusalStep, Transcript } from './transcript';

/** The Gherkin printer and the transcript that feeds it. */
test('a scenario prints with its comments, tags, And for a repeated keyword, and aligned tables', () => {
  const text = printScenario({
    title: 'Generated license path 2: a capacity license with its customer',
    tags: ['@area:partner-portal', '@generated'],
    comments: ['it fails at its last step:', '  the transfer was expected to be refused'],
    steps: [
      {
        keyword: 'Given',
        text: 'partner "ACE Controls" has ordered on PO "PO-PATH-0001" for customer "P2022-0208":',
        table: [
          ['model', 'quantity'],
          ['72220-50', '1'],
          ['72220-10', '1'],
        ],
      },
      { keyword: 'Given', text: 'SmartServer "Plant room" runs release "4.0" with 1 LON, 0 BACnet and 0 Modbus devices' },
      { keyword: 'When', text: 'the Owner of "Plant room" activates the 72220-50 license from the cloud' },
      { keyword: 'Then', text: 'the partner portal shows the 72220-50 license active online on "Plant room"' },
      { keyword: 'Then', text: 'Manage Licenses of "Plant room" lists 1 license' },
    ],
  });
  expect(text).toBe(`  # it fails at its last step:
  #   the transfer was expected to be refused
  @area:partner-portal @generated
  Scenario: Generated license path 2: a capacity license with its customer
    Given partner "ACE Controls" has ordered on PO "PO-PATH-0001" for customer "P2022-0208":
      | model    | quantity |
      | 72220-50 | 1        |
      | 72220-10 | 1        |
    And SmartServer "Plant room" runs release "4.0" with 1 LON, 0 BACnet and 0 Modbus devices
    When the Owner of "Plant room" activates the 72220-50 license from the cloud
    Then the partner portal shows the 72220-50 license active online on "Plant room"
    And Manage Licenses of "Plant room" lists 1 license
`);
});

test('a feature file holds its scenarios under one Feature line', () => {
  const scenario = { title: 'one', tags: [], comments: [], steps: [{ keyword: 'When' as const, text: 'x happens' }] };
  expect(printFeature('Generated paths', [scenario, { ...scenario, title: 'two' }])).toBe(
    'Feature: Generated paths\n\n  Scenario: one\n    When x happens\n\n  Scenario: two\n    When x happens\n',
  );
});

test('a string argument is quoted, and one that cannot be written is refused', () => {
  expect(quoted('Plant room')).toBe('"Plant room"');
  expect(() => quoted('say "hi"')).toThrow(/double quote/);
});

test('a refusal is checked in the suite words for its code, or by the code itself', () => {
  expect(refusalStep('the transfer', 'license-active')).toBe('the transfer is refused because the license is active on a SmartServer');
  expect(refusalStep('the return', 'no-licenses')).toBe('the return is refused because the system answers "no-licenses"');
});

test('an expected refusal is recorded with the code the target answered', async () => {
  const t = new Transcript();
  const result = await t.attempt(
    'the Owner of "Riser" transfers its licenses to the cloud',
    'the return',
    { refused: true, reason: 'no-licenses', what: 'nothing held' },
    async () => {
      throw new ApiProblem(409, 'smartserver-offline', 'offline');
    },
  );
  expect(result).toBeUndefined();
  expect(t.refusals).toEqual(['smartserver-offline']);
  expect(t.steps.map((s) => `${s.keyword} ${s.text}`)).toEqual([
    'When the Owner of "Riser" transfers its licenses to the cloud',
    'Then the return is refused because the SmartServer has no Internet connection',
  ]);
});

test('an accepted probe fails the path at the refusal check, which names the machine reason', async () => {
  const t = new Transcript();
  const attempt = t.attempt(
    'a user of "Plant room" runs provision on its first device',
    'the device operation',
    { refused: true, reason: 'device-unlicensed', what: 'the device is unlicensed' },
    async () => 'done',
  );
  await expect(attempt).rejects.toThrow(PathFailure);
  expect(t.steps.at(-1)).toEqual({ keyword: 'Then', text: 'the device operation is refused because the device is unlicensed' });
});

test('an unexpected refusal fails the path at the step that was refused', async () => {
  const t = new Transcript();
  const attempt = t.attempt('the Owner of "Riser" adds the license file', 'loading the file', { refused: false }, async () => {
    throw new ApiProblem(422, 'offline-file-foreign', 'made for another');
  });
  await expect(attempt).rejects.toThrow('the Owner of "Riser" adds the license file: the target answered 422 offline-file-foreign: made for another');
  expect(t.steps).toEqual([{ keyword: 'When', text: 'the Owner of "Riser" adds the license file' }]);
});

test('a server fault is never taken for a refusal', async () => {
  const t = new Transcript();
  const attempt = t.attempt('the Owner of "Riser" transfers its licenses to the cloud', 'the return', { refused: true, what: 'offline' }, async () => {
    throw new ApiProblem(503, 'cloud-unavailable', 'down');
  });
  await expect(attempt).rejects.toThrow(ApiProblem);
  expect(t.refusals).toEqual([]);
});
