import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiSurfaces } from '../drivers/api';
import { presetMix } from '../config/mix';
import { presets } from '../config/presets';
import { startMix, type RunningMix } from './start-mix';

let running: RunningMix;

beforeAll(async () => {
  // The preset itself, whatever target the environment names for cucumber runs.
  running = await startMix(presetMix('mock', presets().mock));
}, 60_000);

afterAll(async () => {
  await running?.stop();
});

it('resets an emulator of this process by calling it: the seed is back and no request was sent for it', async () => {
  const [place] = running.placesToReset(['vendor', 'smartservers']);
  expect(place.resetInProcess).toBeTypeOf('function');
  const { controlPlane, cms } = apiSurfaces(place.baseUrl, place.transport);
  const added = await controlPlane.addSmartServer({
    name: 'Reset check',
    version: '4.0',
    edition: 'standard',
    users: [{ username: 'owner', userType: 'Owner', password: 'Reset-Check-2026!' }],
  });
  const answered = running.requestsAnswered!();
  place.resetInProcess!();
  expect(running.requestsAnswered!()).toBe(answered);
  await expect(cms.logIn(added.installCode, 'owner', 'Reset-Check-2026!')).rejects.toMatchObject({ status: 404 });
});
