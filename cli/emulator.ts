import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describeOptions, parseOptions, UsageError, type OptionSpec } from './args';
import { PASSWORD_COSTS, type PasswordCost } from '../emulator/kernel/passwords';
import { serveEmulator } from '../emulator/runtime/serve';
import { ecoStruxureLogin } from '../emulator/services/ecostruxure';
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

Once it listens, GET /openapi.json is the API document (OpenAPI 3.1) and GET /docs lists the operations.
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
  const deployment = readDeploymentOptions(options);
  const running = await serveEmulator({
    ...deployment,
    onFleetProgress: options.quiet ? undefined : (done, total) => process.stderr.write(`fleet: ${done} of ${total} SmartServers loaded\n`),
    host: String(options.host),
    logFile: resolve(String(options.log)),
    allowHosts: options['allow-host'] === undefined ? [] : hostList(String(options['allow-host'])),
    port: Number(options.port),
    dataFile,
    admin: Boolean(options.admin),
    startDate: String(options['start-date']),
    maintenanceRule: rule,
    passwordCost: passwordCost as PasswordCost,
    loginLockout: { maxFailures: loginLimit(options, 'login-max-failures'), maxSourceFailures: loginLimit(options, 'login-source-max-failures') },
    seed: options.seed === undefined ? undefined : jsonOrFile(String(options.seed), '--seed'),
  });
  const url = running.url;
  const operator = ecoStruxureLogin(running.emulator.ctx, options['ecostruxure-password'] === undefined ? undefined : String(options['ecostruxure-password']));
  console.log(`sslab emulator listening on ${url}`);
  if (!options.quiet) {
    console.log(`  Portals          ${url}/ (partner ${url}/partner/, customer ${url}/customer/)`);
    console.log(`  SmartServer CMS  ${url}/smartservers/<install code>/cms/${options.admin ? `, fleet ${url}/fleet/` : ''}`);
    console.log(`  API document     ${url}/openapi.json`);
    console.log(`  API docs         ${url}/docs`);
    console.log(`  Data file        ${dataFile}`);
    console.log(`  Log              ${resolve(String(options.log))} (details of unexpected failures)`);
    console.log(`  EcoStruxure      log in as ${operator.username} / ${operator.password}`);
    console.log(`  Admin API        ${options.admin ? `${url}/_emulator (reset, clock, fleet)` : 'off'}`);
    console.log('Stop with Ctrl+C.');
  }
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.stop();
  return 0;
}
