import { Given, type DataTable } from '@cucumber/cucumber';
import type { World } from './support/world';

const emailOf = (name: string) => `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '')}@partners.example`;

Given('partner {string} has ordered on PO {string}:', async function (this: World, partnerName: string, po: string, table: DataTable) {
  const lines = table.hashes().map((row) => ({ model: row.model, quantity: Number(row.quantity ?? 1) }));
  const email = this.partners.get(partnerName)?.email ?? emailOf(partnerName);
  const order = await this.driver.placeOrder(po, { name: partnerName, email }, lines);
  if (order.credentials) this.partners.set(partnerName, { name: partnerName, email, password: order.credentials.password });
  for (const license of order.licenses) this.licenses.set(license.model, license.licenseId);
});

Given('SmartServer {string} runs release {string} with {int} LON, {int} BACnet and {int} Modbus devices',
  async function (this: World, name: string, version: string, lon: number, bacnet: number, modbus: number) {
    const server = await this.driver.addSmartServer({ name, version, devices: { lon, bacnet, modbus } });
    this.smartServers.set(name, server);
  });
