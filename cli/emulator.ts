import { mkdirSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { describeOptions, parseOptions, UsageError, type OptionSpec } from './args';
import { PASSWORD_COSTS, type PasswordCost } from '../emulator/kernel/passwords';
import { serveEmulator } from '../emulator/runtime/serve';
import { ecoStruxureLogin } from '../emulator/services/ecostruxure';
import { Problem } from '../emulator/kernel/problems';
import { exportSnapshot, readSnapshotFile, SnapshotFileError } from '../emulator/runtime/snapshot-files';
import { nodeCrypto } from '../emulator/runtime/node-crypto';
import { DEPLOYMENT_OPTIONS, jsonOrFile, readDeploymentOptions } from './deployment-options';

const OPTIONS: OptionSpec[] = [
  { name: 'port', type: 'number', help: 'TCP port to listen on; 0 picks a free one', default: 8080 },
  { name: 'host', type: 'string', help: 'address to listen on', default: '127.0.0.1' },
  { name: 'data-file', type: 'string', help: 'SQLite file holding the state; ":memory:" keeps nothing', default: 'reports/out/emulator.sqlite' },
  {
    name: 'allow-host',
    type: 'string',
    help: 'more host names to answer to, comma-separated, besides the loopback names and --host ("*": any, which lets a rebound DNS name reach the emulator)',
  },
  { name: 'admin', type: 'boolean', help: 'serve the admin API (/_emulator) and the order back office', default: true },
  { name: 'start-date', type: 'string', help: 'virtual date a new data file starts at (ISO)', default: '2026-01-05' },
  { name: 'maintenance-rule', type: 'string', help: 'maintenance device count must be "exact" to the capacity or "at-least" it', default: 'exact' },
  {
    name: 'password-cost',
    type: 'string',
    help: 'scrypt cost of new password hashes: "standard", or "fast" for throwaway test emulators (default: $SSLAB_PASSWORD_COST, else standard)',
  },
  {
    name: 'login-max-failures',
    type: 'number',
    help: 'failed logins within 15 minutes that lock one account, even for its own user; 0 locks no account and leaves guessing to the per-address limit',
    default: 5,
  },
  {
    name: 'login-source-max-failures',
    type: 'number',
    help: 'failed logins within 15 minutes, for any accounts, that lock one client address; 0: no limit',
    default: 30,
  },
  {
    name: 'seed',
    type: 'string',
    help: 'JSON file (or JSON text) of accounts, licenses and SmartServers to start with and return to on reset (features/fixtures/real-seed.json)',
  },
  { name: 'import', type: 'string', help: 'a snapshot file (sslab snapshot save) to start from, loaded after the seed; a reset still returns to the seed' },
  { name: 'export-on-exit', type: 'string', help: 'write the whole state to this snapshot file (mode 0600) when stopped with Ctrl+C or SIGTERM' },
  { name: 'mqtt', type: 'boolean', help: 'IAP/MQ: run an MQTT 3.1.1 broker of its own on a free loopback port (--no-mqtt: none)', default: true },
  { name: 'mqtt-url', type: 'string', help: 'IAP/MQ: publish into this MQTT broker instead (mqtt://127.0.0.1:1883)' },
  ...DEPLOYMENT_OPTIONS,
  {
    name: 'ecostruxure-password',
    type: 'string',
    help: "password of EcoStruxure's Device Administrator operator (user administrator); random once per data file unless given",
  },
  { name: 'log', type: 'string', help: 'file the details of unexpected failures (500) are appended to', default: 'reports/out/emulator.log' },
  { name: 'quiet', type: 'boolean', help: 'print only the listening line', default: false },
  { name: 'help', type: 'boolean', help: 'show this help', default: false },
];

export const EMULATOR_HELP = `sslab emulator: serve the partner portal, customer portal, licensing cloud and SmartServer fleet

Usage: sslab emulator [options]

${describeOptions(OPTIONS)}

Once it listens, GET /openapi.json is the API document (OpenAPI 3.1) and GET /docs is the API reference (every operation with its shapes, examples and statuses).
`;

function loginLimit(options: Record<string, unknown>, name: string): number {
  const value = Number(options[name]);
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`--${name} must be a whole number, 0 or more`);
  return value;
}

function hostList(text: string): string[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) throw new UsageError('--allow-host needs host names, comma-separated (for example lab-server,lab-server.example)');
  return names;
}

/** Reads and checks an --import file before anything starts; a refusal is a usage error naming the problem. */
function readSnapshotOption(path: string) {
  try {
    return readSnapshotFile(nodeCrypto, path).document;
  } catch (error) {
    if (error instanceof SnapshotFileError) throw new UsageError(`--import ${error.message}`);
    throw error;
  }
}

function mqttSetting(embedded: unknown, url: unknown): { url?: string } | false {
  if (url !== undefined) {
    if (!/^mqtts?:\/\/[^/]+/.test(String(url))) throw new UsageError('--mqtt-url must be a broker address such as mqtt://127.0.0.1:1883');
    return { url: String(url) };
  }
  return embedded === false ? false : {};
}

export async function emulatorCommand(argv: string[]): Promise<number> {
  const options = parseOptions(argv, OPTIONS);
  if (options.help) {
    process.stdout.write(EMULATOR_HELP);
    return 0;
  }
  const rule = options['maintenance-rule'];
  if (rule !== 'exact' && rule !== 'at-least') throw new UsageError('--maintenance-rule must be "exact" or "at-least"');
  const passwordCost = options['password-cost'] ?? process.env.SSLAB_PASSWORD_COST ?? 'standard';
  if (!PASSWORD_COSTS.includes(passwordCost as PasswordCost))
    throw new UsageError(`--password-cost must be ${PASSWORD_COSTS.map((c) => `"${c}"`).join(' or ')}`);
  const dataFile = options['data-file'] === ':memory:' ? ':memory:' : resolve(String(options['data-file']));
  if (dataFile !== ':memory:') mkdirSync(dirname(dataFile), { recursive: true });
  const { shardPort, ...deployment } = readDeploymentOptions(options);
  const imported = options.import === undefined ? undefined : readSnapshotOption(String(options.import));
  const exportTo = options['export-on-exit'] === undefined ? undefined : resolve(String(options['export-on-exit']));
  const running = await serveEmulator({
    ...deployment,
    onFleetProgress: options.quiet ? undefined : (done, total) => process.stderr.write(`fleet: ${done} of ${total} SmartServers loaded\n`),
    host: String(options.host),
    logFile: resolve(String(options.log)),
    allowHosts: options['allow-host'] === undefined ? [] : hostList(String(options['allow-host'])),
    port: shardPort ?? Number(options.port),
    dataFile,
    admin: Boolean(options.admin),
    startDate: String(options['start-date']),
    maintenanceRule: rule,
    passwordCost: passwordCost as PasswordCost,
    loginLockout: { maxFailures: loginLimit(options, 'login-max-failures'), maxSourceFailures: loginLimit(options, 'login-source-max-failures') },
    seed: options.seed === undefined ? undefined : jsonOrFile(String(options.seed), '--seed'),
    state: imported?.state,
    iapMq: mqttSetting(options.mqtt, options['mqtt-url']),
  }).catch((error: unknown) => {
    // A snapshot whose rows do not fit this emulator's tables is refused before it listens.
    if (error instanceof Problem && imported) throw new UsageError(`--import ${options.import}: ${error.detail}`);
    throw error;
  });
  const url = running.url;
  const operator = ecoStruxureLogin(running.emulator.ctx, options['ecostruxure-password'] === undefined ? undefined : String(options['ecostruxure-password']));
  // Before the listening line, so a parent that waits for that line has read this one too.
  if (running.iapMq) console.log(`sslab IAP/MQ broker on ${running.iapMq.url}`);
  console.log(`sslab emulator listening on ${url}`);
  if (!options.quiet) {
    console.log(`  Portals          ${url}/ (partner ${url}/partner/, customer ${url}/customer/)`);
    console.log(`  SmartServer CMS  ${url}/smartservers/<install code>/cms/${options.admin ? `, fleet ${url}/fleet/` : ''}`);
    console.log(`  API document     ${url}/openapi.json`);
    console.log(`  API docs         ${url}/docs`);
    console.log(
      `  IAP/MQ (MQTT)    ${running.iapMq ? `${running.iapMq.url}${running.iapMq.url === options['mqtt-url'] ? '' : ' (log in as user@installCode)'}` : 'off'}`,
    );
    console.log(`  Data file        ${dataFile}`);
    console.log(`  Log              ${resolve(String(options.log))} (details of unexpected failures)`);
    console.log(`  EcoStruxure      log in as ${operator.username} / ${operator.password}`);
    if (imported) console.log(`  Imported         ${options.import} (snapshot ${imported.name}, taken ${imported.takenAt})`);
    if (exportTo) console.log(`  Export on exit   ${exportTo}`);
    console.log(`  Admin API        ${options.admin ? `${url}/_emulator (reset, clock, fleet)` : 'off'}`);
    console.log('Stop with Ctrl+C.');
  }
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  let code = 0;
  if (exportTo) {
    try {
      exportSnapshot(running.emulator, exportTo, basename(exportTo).replace(/\.[^.]*$/, '') || 'exported');
      if (!options.quiet) console.log(`state written to ${exportTo}`);
    } catch (error) {
      process.stderr.write(`sslab emulator: the state could not be written to ${exportTo}: ${(error as Error).message}\n`);
      code = 1;
    }
  }
  await running.stop();
  return code;
}
