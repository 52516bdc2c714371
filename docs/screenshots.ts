import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFleetFile } from '../emulator/control-plane/fleets/description';
import { fleetMembers } from '../emulator/control-plane/fleets/store';
import type { Emulator } from '../emulator/kernel/emulator';
import { serveEmulator } from '../emulator/runtime/serve';
import { placeOrder } from '../emulator/services/backoffice';
import { activateFromCloud } from '../emulator/services/smartserver';
import { launchChromium } from '../steps/drivers/browser/chromium';

/**
 * The pictures the README shows, made from the running emulator and the last conformance report:
 * docs/fleet-overview.png (the example campus fleet beside the seed's SmartServers) and
 * docs/conformance-headline.png (the top of reports/out/conformance.html).
 *
 *   npm run conformance && npm run docs:screenshots
 */
const ROOT = join(__dirname, '..');
const REPORT = join(ROOT, 'reports', 'out', 'conformance.html');

/** The campus library gets the capacity it needs from P-Building 1's order, so the picture shows licensed devices beside unlicensed ones. */
async function licenseTheLibrary(emulator: Emulator): Promise<void> {
  const library = fleetMembers(emulator.ctx, 'campus').filter((member) => member.group === 'library');
  const order = placeOrder(emulator.ctx, {
    poNumber: 'PO-CAMPUS-LIBRARY',
    partner: { name: 'Northwind Controls', email: 'licensing@northwind-controls.example' },
    customer: 'P-Building 1',
    lines: [{ model: '72220-200', quantity: library.length }],
  });
  for (const [i, member] of library.entries()) {
    await activateFromCloud(emulator.ctx, emulator.cloud, member.installCode, { licenseIds: [order.licenses[i].licenseId] });
  }
}

async function main(): Promise<void> {
  if (!existsSync(REPORT)) throw new Error(`${REPORT} is missing: run "npm run conformance" first, then this again.`);
  const running = await serveEmulator({
    port: 0,
    dataFile: ':memory:',
    seed: JSON.parse(readFileSync(join(ROOT, 'features', 'fixtures', 'real-seed.json'), 'utf8')),
    fleet: readFleetFile(join(ROOT, 'emulator', 'control-plane', 'fleets', 'examples', 'campus.yaml')),
  });
  await licenseTheLibrary(running.emulator);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${running.url}/fleet/`);
    await page.locator('#fleet[aria-busy="false"] table').waitFor();
    await page.screenshot({ path: join(__dirname, 'fleet-overview.png'), fullPage: false });
    await page.goto(`file://${REPORT}`);
    await page.locator('#headline').waitFor();
    await page.locator('#headline').screenshot({ path: join(__dirname, 'conformance-headline.png') });
    console.log('wrote docs/fleet-overview.png and docs/conformance-headline.png');
  } finally {
    await browser.close();
    await running.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
