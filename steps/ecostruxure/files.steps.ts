import { Given, Then, When } from '@cucumber/cucumber';
import { Action } from '../support/action';
import assert from 'node:assert/strict';
import type { World } from '../support/world';
import './parameter-types';
import { ecx, type RequestKind } from './scenario';

async function createRequest(world: World, server: string, kind: RequestKind) {
  const scenario = ecx(world);
  const id = scenario.serverId(server);
  const file = await (kind === 'activation' ? scenario.deviceAdministrator.createActivationRequest(id) : scenario.deviceAdministrator.createReturnRequest(id));
  scenario.requests.set(server, { file, kind });
}

async function upload(world: World, server: string) {
  const scenario = ecx(world);
  const request = scenario.requests.get(server);
  if (!request) throw new Error(`No request file of "${server}" was created in this scenario`);
  scenario.responses.set(server, { file: await scenario.activationServer.answerRequest(request.file), kind: request.kind });
}

async function sendResponse(world: World, from: string, to: string) {
  const scenario = ecx(world);
  const response = scenario.responses.get(from);
  if (!response) throw new Error(`No response file of "${from}" was received in this scenario`);
  const id = scenario.serverId(to);
  await world.act('sending the response file', () =>
    response.kind === 'activation'
      ? scenario.deviceAdministrator.sendActivationResponse(id, response.file)
      : scenario.deviceAdministrator.sendReturnResponse(id, response.file),
  );
}

Action('the engineer creates the activation request file for {string}', function (this: World, server: string) {
  return createRequest(this, server, 'activation');
});

Action('the engineer creates the return request file for {string}', function (this: World, server: string) {
  return createRequest(this, server, 'return');
});

Action('the engineer uploads the request file of {string} to the License Activation Server', function (this: World, server: string) {
  return upload(this, server);
});

Action('the engineer sends the response file to {string}', function (this: World, server: string) {
  return sendResponse(this, server, server);
});

Action('the engineer sends the response file of {string} to {string}', function (this: World, from: string, to: string) {
  return sendResponse(this, from, to);
});

When('the engineer sends the request file of {string} to the server as if it were the response', async function (this: World, server: string) {
  const scenario = ecx(this);
  const request = scenario.requests.get(server);
  if (!request) throw new Error(`No request file of "${server}" was created in this scenario`);
  await this.act('sending the response file', () => scenario.deviceAdministrator.sendActivationResponse(scenario.serverId(server), request.file));
});

Given('the licenses of {string} were activated offline', async function (this: World, server: string) {
  await createRequest(this, server, 'activation');
  await upload(this, server);
  await sendResponse(this, server, server);
});

Action('the engineer returns the licenses of {string}', async function (this: World, server: string) {
  await this.act('the online return', () => ecx(this).deviceAdministrator.returnOnline(ecx(this).serverId(server)));
});

Action('the engineer confirms the return of {string} on the License Activation Server', async function (this: World, server: string) {
  const request = ecx(this).requests.get(server);
  if (request?.kind !== 'return' || !request.file.requestId) throw new Error(`No return request file of "${server}" was created in this scenario`);
  await this.act('the return confirmation', () => ecx(this).activationServer.confirmReturn(request.file.requestId!));
});

Then('{string} holds no licenses', async function (this: World, server: string) {
  assert.deepEqual(
    (await ecx(this).licenses(server)).map((l) => `${l.featureName} ${l.status}`),
    [],
  );
});

Then('{string} holds no active licenses', async function (this: World, server: string) {
  assert.deepEqual(
    (await ecx(this).licenses(server)).filter((l) => l.status === 'active').map((l) => l.featureName),
    [],
  );
});
