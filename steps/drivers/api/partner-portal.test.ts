import { afterAll, beforeAll, expect, test } from 'vitest';
import { newPartner, startTestServer, type TestServer } from '../../../emulator/testing/http-test-kit';
import { HttpClient } from '../http-client';
import { ApiPartnerPortal } from './partner-portal';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ passwordCost: 'fast' });
});
afterAll(async () => {
  await server?.stop();
});

test('the API driver follows every page, so its lists are whole however long they grow', async () => {
  const { api } = server;
  const { token, order } = await newPartner(api, {
    poNumber: 'PO-PAGES-2',
    email: 'driver@partner.example',
    lines: [
      { model: '72220-10', quantity: 1000 },
      { model: '72220-10', quantity: 300 },
    ],
  });
  const portal = new ApiPartnerPortal(new HttpClient(server.url));
  const all = await portal.myInventory({ email: 'driver@partner.example', token });
  expect(all.map((l) => l.licenseId)).toEqual(order.licenses.map((l: { licenseId: string }) => l.licenseId));
  const page = await portal.page({ email: 'driver@partner.example', token }, 'inventory', { limit: 10 });
  expect(page.items).toHaveLength(10);
  expect(page.total).toBe(1300);
  expect(page.nextCursor).toBeTruthy();
});
