import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { describeOptions, parseOptions, UsageError, type OptionSpec } from './args';
import { jsonOrFile, readFleetOption } from './deployment-options';
import { createEmulator } from '../emulator/runtime/emulator';
import { fleetMemberPage, getFleet, listFleets, removeFleet, type FleetMember, type FleetSummary } from '../emulator/control-plane/fleets/store';
import { cursorAfter, MAX_PAGE_SIZE, type Page, type PageRequest } from '../emulator/kernel/paging';
import { PASSWORD_COSTS, type PasswordCost } from '../emulator/kernel/passwords';
import { Problem } from '../emulator/kernel/problems';
import { isProblemCode } from '../emulator/kernel/problem-catalogue';
import { licensingStorm } from '../steps/lib/licensing-storm';
import { type FleetDescription, withSeed } from '../emulator/control-plane/fleets/description';
import { createFleetHere } from '../emulator/control-plane/fleets/service';
import { MissingDependency } from '../emulator/runtime/optional-dependency';
import { DockerRuntime, dockerAnswers, dockerClient, engineIsLocal } from '../emulator/runtime/fleet/docker-runtime';
import { composeFile } from '../emulator/runtime/fleet/compose';
import { ensureImage, IMAGE_REPOSITORY } from '../emulator/runtime/fleet/image';
import { kubernetesManifests, kubernetesName, manifestsYaml } from '../emulator/runtime/fleet/kubernetes';
import { ProcessRuntime } from '../emulator/runtime/fleet/process-runtime';
import { freePortRange, type FleetRuntime, type UpResult } from '../emulator/runtime/fleet/topology';

const WHERE: OptionSpec[] = [
  { name: 'data-file', type: 'string', help: 'the emulator data file to work on', default: 'reports/out/emulator.sqlite' },
  { name: 'url', type: 'string', help: 'a running emulator to work on instead of a data file (its admin API)' },
  { name: 'json', type: 'boolean', help: 'print JSON instead of text', default: false },
  { name: 'help', type: 'boolean', help: 'show this help', default: false },
];

/** show: the fleet's SmartServers, a page at a time (a fleet may hold a hundred thousand). */
const MEMBERS: OptionSpec[] = [
  { name: 'members', type: 'boolean', help: 'show: list SmartServers of the fleet, a page at a time', default: false },
  { name: 'from', type: 'number', help: 'show --members: the place in the fleet to start at (0 is the first)', default: 0 },
  { name: 'limit', type: 'number', help: 'show --members: how many SmartServers to list, 1 to 1000', default: 50 },
];

const RUNTIME: OptionSpec[] = [
  { name: 'runtime', type: 'string', help: 'docker (containers on a Docker engine) or process (child processes here)', default: 'docker' },
  { name: 'docker-host', type: 'string', help: 'the Docker engine (tcp://host:2375 or unix:///path); default DOCKER_HOST, else the local socket' },
  { name: 'name', type: 'string', help: 'the deployment name (default: the fleet\'s name, else "sslab"); containers are labelled sslab.fleet=<name>' },
  { name: 'help', type: 'boolean', help: 'show this help', default: false },
];

const UP: OptionSpec[] = [
  ...RUNTIME,
  { name: 'shards', type: 'number', help: 'how many shard processes serve the SmartServers', default: 4 },
  { name: 'fleet', type: 'string', help: 'a fleet file to make at start (it needs a seed)' },
  { name: 'seed', type: 'string', help: 'accounts, licenses and SmartServers to start with (JSON file), e.g. features/fixtures/real-seed.json' },
  { name: 'port', type: 'number', help: "the cloud's port; shard i gets port+1+i (default: free ports from 18500 on)" },
  { name: 'start-date', type: 'string', help: 'virtual date the emulator starts at (ISO)' },
  { name: 'image', type: 'string', help: 'docker: run this image (e.g. one built from the Dockerfile) instead of building one' },
  { name: 'rebuild', type: 'boolean', help: 'docker: build the image even if one for this project exists', default: false },
  { name: 'json', type: 'boolean', help: 'print the result as JSON (URL, shard URLs, phases)', default: false },
];

const DEPLOY: OptionSpec[] = [
  { name: 'shards', type: 'number', help: 'how many shards serve the SmartServers', default: 4 },
  { name: 'image', type: 'string', help: 'the emulator image (docker build -t sslab-emulator ., or sslab fleet image)', default: IMAGE_REPOSITORY },
  { name: 'seed', type: 'string', help: 'accounts and licenses to start with (JSON file), e.g. features/fixtures/real-seed.json' },
  { name: 'start-date', type: 'string', help: 'virtual date the emulator starts at (ISO)' },
  { name: 'password-cost', type: 'string', help: 'scrypt cost of password hashes: standard, or fast for throwaway test fleets' },
  { name: 'out', type: 'string', help: 'the file to write (default: FLEET-NAME.compose.yaml or FLEET-NAME.kubernetes.yaml here)' },
  { name: 'help', type: 'boolean', help: 'show this help', default: false },
];

const COMPOSE: OptionSpec[] = [
  ...DEPLOY,
  { name: 'port', type: 'number', help: "the cloud's port on each host's loopback; the replica in task slot s gets port+s", default: 8080 },
];

const STORM: OptionSpec[] = [
  { name: 'url', type: 'string', help: "the fleet's front door (a running emulator's URL)" },
  { name: 'password', type: 'string', help: "the fleet's CMS password, as the fleet's creation showed it once (storm)" },
  { name: 'concurrency', type: 'number', help: 'requests in flight at once', default: 64 },
  { name: 'json', type: 'boolean', help: 'print the result as JSON', default: false },
  { name: 'help', type: 'boolean', help: 'show this help', default: false },
];

export const FLEET_HELP = `sslab fleet: describe, make and run fleets of emulated SmartServers

Usage:
  sslab fleet create <file> [--data-file F | --url U]   make the fleet of a fleet file (YAML or JSON)
  sslab fleet list [--data-file F | --url U]            the fleets, with their counts
  sslab fleet show <name> [--members [--from N]] [...]  one fleet: seed, groups, counts; --members lists its SmartServers a page at a time
  sslab fleet remove <name> [...]                       remove a fleet and its SmartServers
  sslab fleet up [--runtime docker|process] [--shards N] [--fleet file] [--seed file]
                                                        run the emulator as a portal-and-cloud process and N shards
  sslab fleet down [name] [--runtime docker|process]    end them (found by label, also after a crash)
  sslab fleet compose <file> [--shards N] [--port P]    write a Compose file: docker stack deploy -c FILE NAME
  sslab fleet kubernetes <file> [--shards N]            write Kubernetes manifests: kubectl apply -f FILE
  sslab fleet storm <name> --url U --password P         every SmartServer of the fleet activates a license and returns it, at once;
                                                        throughput, p50/p99 and the whole fleet checked afterwards;
                                                        P is the fleet's CMS password, as its creation showed it;
                                                        each phase shows its progress (serve storm fleets with
                                                        sslab emulator --password-cost fast: every login hashes)
  sslab fleet image                                     build the emulator image here, offline, and print its tag

Options of create, list, show and remove:
${describeOptions([...WHERE, ...MEMBERS])}

Options of up:
${describeOptions(UP)}

Options of compose and kubernetes:
${describeOptions(COMPOSE)}

Options of storm:
${describeOptions(STORM)}

The fleet file format is emulator/control-plane/fleets/fleet.schema.json; emulator/control-plane/fleets/examples/campus.yaml is an example.
Every CMS user of a fleet logs in with the fleet password: the one in the file, or a random one
that \`fleet create\` prints once (it is stored hashed and never shown again).
`;

type Options = Record<string, string | number | boolean | undefined>;

/** Splits off the one positional argument a subcommand takes. */
function positional(argv: string[]): [string | undefined, string[]] {
  return argv[0] !== undefined && !argv[0].startsWith('--') ? [argv[0], argv.slice(1)] : [undefined, argv];
}

const stderr = (line: string) => process.stderr.write(`${line}\n`);

/** A call to a running emulator's admin API; a refusal becomes a Problem with the emulator's words. */
async function adminResponse(url: string, method: string, path: string, body?: unknown): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`${url.replace(/\/$/, '')}${path}`, {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new UsageError(`no emulator answers at ${url} (${(error as Error).message})`);
  }
  if (!response.ok) {
    const answer = (await response.json()) as { detail?: string; code?: string };
    throw new Problem(
      response.status as Problem['status'],
      isProblemCode(answer.code) ? answer.code : 'bad-request',
      answer.detail ?? `${method} ${path} answered ${response.status}`,
    );
  }
  return response;
}

async function adminCall<T>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  return (await (await adminResponse(url, method, path, body)).json()) as T;
}

/** Runs `work` on the data file (created if need be) and closes it again. */
function onDataFile<T>(options: Options, work: (emulator: ReturnType<typeof createEmulator>) => T): T {
  const dataFile = resolve(String(options['data-file']));
  mkdirSync(dirname(dataFile), { recursive: true });
  const emulator = createEmulator({ dataFile });
  try {
    return work(emulator);
  } finally {
    emulator.close();
  }
}

function printSummary(s: FleetSummary): void {
  console.log(`fleet ${s.name}${s.description ? `: ${s.description}` : ''}`);
  console.log(`  seed            ${s.seed}`);
  if (s.password) console.log(`  CMS password    ${s.password}  (every CMS user of the fleet; shown this once, it is stored hashed)`);
  console.log(`  SmartServers    ${s.smartServers} (${s.pi} Pi, ${s.online} online)${s.shards > 1 ? ` on ${s.shards} shards` : ''}`);
  console.log(`  devices         ${s.devices.total} (LON ${s.devices.lon}, BACnet ${s.devices.bacnet}, Modbus ${s.devices.modbus})`);
  for (const g of s.groups) {
    const customer = g.customer
      ? `, customer ${g.customer} (${g.customerId ? `Customer ID ${g.customerId} saved` : 'unknown here: no Customer ID saved'})`
      : '';
    console.log(`  group ${g.group}: ${g.count} SmartServers${customer}`);
  }
}

/**
 * Hands a fleet to a running emulator, which makes it in one transaction and answers when it is
 * done; meanwhile the time waited shows every few seconds, so a large fleet is seen to be under way.
 */
async function sendFleet(url: string, fleet: FleetDescription): Promise<FleetSummary> {
  const size = fleet.smartServers.reduce((sum, g) => sum + (g.count ?? 1), 0);
  stderr(`sending fleet ${fleet.name} (${size} SmartServers) to ${url}; the emulator makes it in one go`);
  const started = Date.now();
  const ticker = setInterval(() => stderr(`  the emulator is making fleet ${fleet.name}: ${Math.round((Date.now() - started) / 1000)} s so far`), 2000);
  try {
    return await adminCall<FleetSummary>(url, 'POST', '/_emulator/fleets', fleet);
  } finally {
    clearInterval(ticker);
  }
}

async function create(file: string | undefined, options: Options): Promise<number> {
  if (!file) throw new UsageError('fleet create needs a fleet file: sslab fleet create <file>');
  const fleet = readFleetOption(file);
  const summary = options.url
    ? await sendFleet(String(options.url), fleet)
    : onDataFile(options, (emulator) => {
        const seeded = withSeed(fleet);
        stderr(`making fleet ${fleet.name} (seed ${seeded.seed}) in ${emulator.dataFile}`);
        return createFleetHere(emulator.ctx, seeded, (done, total) => stderr(`  ${Math.round((done * 100) / total)}%: ${done} of ${total} SmartServers`));
      });
  if (options.json) console.log(JSON.stringify(summary, null, 2));
  else printSummary(summary);
  return 0;
}

async function list(options: Options): Promise<number> {
  const fleets = options.url ? await adminCall<FleetSummary[]>(String(options.url), 'GET', '/_emulator/fleets') : onDataFile(options, (e) => listFleets(e.ctx));
  if (options.json) console.log(JSON.stringify(fleets, null, 2));
  else if (fleets.length === 0) console.log('no fleets');
  else
    for (const f of fleets)
      console.log(`${f.name.padEnd(20)} ${String(f.smartServers).padStart(7)} SmartServers ${String(f.devices.total).padStart(10)} devices  seed ${f.seed}`);
  return 0;
}

/** Reads --from and --limit of show --members as a page request. */
function membersPage(options: Options): PageRequest {
  const from = Number(options.from);
  const limit = Number(options.limit);
  if (!Number.isInteger(from) || from < 0) throw new UsageError('--from must be a whole number from 0 (the first SmartServer of the fleet)');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) throw new UsageError(`--limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  return { after: from, limit };
}

async function membersFrom(url: string, path: string, page: PageRequest): Promise<Page<FleetMember>> {
  const query = `limit=${page.limit}${page.after > 0 ? `&cursor=${cursorAfter(page.after)}` : ''}`;
  const response = await adminResponse(url, 'GET', `${path}/smartservers?${query}`);
  const items = (await response.json()) as FleetMember[];
  const next = response.headers.get('x-next-cursor');
  return { items, total: Number(response.headers.get('x-total-count') ?? items.length), ...(next ? { nextCursor: next } : {}) };
}

async function show(name: string | undefined, options: Options): Promise<number> {
  if (!name) throw new UsageError('fleet show needs a fleet name: sslab fleet show <name>');
  const path = `/_emulator/fleets/${encodeURIComponent(name)}`;
  const page = options.members ? membersPage(options) : undefined;
  const [summary, members] = options.url
    ? [await adminCall<FleetSummary>(String(options.url), 'GET', path), page ? await membersFrom(String(options.url), path, page) : undefined]
    : onDataFile(options, (e) => [getFleet(e.ctx, name), page ? fleetMemberPage(e.ctx, name, page) : undefined] as const);
  if (options.json) console.log(JSON.stringify(members ? { ...summary, members: members.items, membersInAll: members.total } : summary, null, 2));
  else {
    printSummary(summary);
    if (members && page) {
      const last = members.items.at(-1);
      console.log(
        members.items.length === 0
          ? `  no SmartServers from place ${page.after} on (the fleet has ${members.total} here)`
          : `  SmartServers ${members.items[0].position + 1} to ${last!.position + 1} of ${members.total}${members.nextCursor ? ` (next: --members --from ${last!.position + 1})` : ''}`,
      );
      for (const m of members.items) console.log(`  ${m.installCode}  ${m.group}${m.shard !== null ? `  shard ${m.shard}` : ''}`);
    }
  }
  return 0;
}

async function remove(name: string | undefined, options: Options): Promise<number> {
  if (!name) throw new UsageError('fleet remove needs a fleet name: sslab fleet remove <name>');
  const removed = options.url
    ? await adminCall<{ removedSmartServers: number }>(String(options.url), 'DELETE', `/_emulator/fleets/${encodeURIComponent(name)}`)
    : onDataFile(options, (e) => removeFleet(e.ctx, name));
  console.log(`removed fleet ${name} and its ${removed.removedSmartServers} SmartServers`);
  return 0;
}

async function runtimeOf(options: Options): Promise<FleetRuntime> {
  if (options.runtime === 'process') return new ProcessRuntime();
  if (options.runtime !== 'docker') throw new UsageError('--runtime must be docker or process');
  const docker = dockerClient(options['docker-host'] as string | undefined);
  if (!(await dockerAnswers(docker))) {
    throw new UsageError(
      `no Docker engine answers${options['docker-host'] ? ` at ${options['docker-host']}` : process.env.DOCKER_HOST ? ` at ${process.env.DOCKER_HOST}` : ''}; start one, or use --runtime process`,
    );
  }
  const local = engineIsLocal((options['docker-host'] as string | undefined) ?? process.env.DOCKER_HOST);
  return new DockerRuntime(docker, { image: options.image as string | undefined, rebuild: Boolean(options.rebuild), local });
}

async function up(options: Options): Promise<number> {
  const shards = Number(options.shards);
  if (!Number.isInteger(shards) || shards < 1 || shards > 64) throw new UsageError('--shards must be a whole number from 1 to 64');
  const fleet = options.fleet === undefined ? undefined : withSeed(readFleetOption(String(options.fleet)));
  const name = String(options.name ?? fleet?.name ?? 'sslab');
  const remote = options.runtime === 'docker' && !engineIsLocal((options['docker-host'] as string | undefined) ?? process.env.DOCKER_HOST);
  // A remote engine's loopback cannot be checked from here; there the ports start at 18500 unless given.
  const port = options.port !== undefined ? Number(options.port) : remote ? 18_500 : await freePortRange(shards + 1);
  const runtime = await runtimeOf(options);
  const result: UpResult = await runtime.up(
    {
      name,
      shards,
      port,
      fleet,
      seed: options.seed === undefined ? undefined : jsonOrFile(String(options.seed), '--seed'),
      startDate: options['start-date'] as string | undefined,
      tokenSecret: randomBytes(32).toString('base64'),
    },
    (line) => stderr(`fleet ${name}: ${line}`),
  );
  if (options.json) {
    console.log(JSON.stringify(result));
    return 0;
  }
  for (const p of result.phases) stderr(`fleet ${name}: ${p.phase} took ${(p.ms / 1000).toFixed(1)} s`);
  console.log(`fleet ${name} is up: ${result.url}`);
  console.log(`  the portals, the cloud and every SmartServer answer there; ${shards} shards behind it: ${result.shardUrls.join(' ')}`);
  console.log(`  end it with: sslab fleet down ${name} --runtime ${result.runtime}`);
  return 0;
}

/** What compose and kubernetes need of their options: the fleet (with its seed fixed, so every process makes the same one), shards, image. */
function deployRequest(file: string | undefined, options: Options, sub: string) {
  if (!file) throw new UsageError(`fleet ${sub} needs a fleet file: sslab fleet ${sub} <file>`);
  const shards = Number(options.shards);
  if (!Number.isInteger(shards) || shards < 1 || shards > 64) throw new UsageError('--shards must be a whole number from 1 to 64');
  return {
    fleet: withSeed(readFleetOption(file)),
    shards,
    image: String(options.image),
    seed: options.seed === undefined ? undefined : jsonOrFile(String(options.seed), '--seed'),
    startDate: options['start-date'] as string | undefined,
    passwordCost: passwordCostOption(options['password-cost']),
  };
}

function passwordCostOption(value: unknown): PasswordCost | undefined {
  if (value === undefined) return undefined;
  if (!PASSWORD_COSTS.includes(value as PasswordCost)) throw new UsageError(`--password-cost must be ${PASSWORD_COSTS.map((c) => `"${c}"`).join(' or ')}`);
  return value as PasswordCost;
}

function writeOut(path: string, text: string, mode = 0o644): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text, { mode });
}

async function compose(file: string | undefined, options: Options): Promise<number> {
  const request = deployRequest(file, options, 'compose');
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 1 || port + request.shards > 65_535) throw new UsageError(`--port must be a port from 1 to ${65_535 - request.shards}`);
  const out = resolve(String(options.out ?? `${request.fleet.name}.compose.yaml`));
  const secretFile = `${basename(out).replace(/\.ya?ml$/, '')}.token-secret`;
  writeOut(join(dirname(out), secretFile), `${randomBytes(32).toString('base64')}\n`, 0o600);
  writeOut(
    out,
    `# sslab fleet ${request.fleet.name}: ${request.shards} shards, cloud on 127.0.0.1:${port}\n${stringify(composeFile({ ...request, port, secretFile: `./${secretFile}` }), { aliasDuplicateObjects: false, lineWidth: 0 })}`,
  );
  console.log(`wrote ${out} (and the token secret beside it, ${secretFile})`);
  console.log(`  run it on a Swarm: docker stack deploy -c ${out} ${kubernetesName(request.fleet.name)}`);
  console.log(`  the front door:    http://127.0.0.1:${port} once every replica is healthy (docker service ls)`);
  return 0;
}

async function kubernetes(file: string | undefined, options: Options): Promise<number> {
  const request = deployRequest(file, options, 'kubernetes');
  const manifests = kubernetesManifests({ ...request, tokenSecret: randomBytes(32).toString('base64') });
  const out = resolve(String(options.out ?? `${request.fleet.name}.kubernetes.yaml`));
  // They hold the token secret.
  writeOut(out, manifestsYaml(manifests), 0o600);
  console.log(`wrote ${out}: ${manifests.map((m) => `${m.kind} ${(m.metadata as { name: string }).name}`).join(', ')}`);
  console.log(`  apply them: kubectl apply -f ${out}; the front door is Service ${kubernetesName(request.fleet.name)}-cloud, port 8080`);
  return 0;
}

async function stormCommand(name: string | undefined, options: Options): Promise<number> {
  if (!name) throw new UsageError('fleet storm needs a fleet name: sslab fleet storm <name> --url U --password P');
  if (!options.url) throw new UsageError('fleet storm needs --url: the front door of a running emulator that holds the fleet');
  if (!options.password)
    throw new UsageError("fleet storm needs --password: the fleet's CMS password, from its file or as its creation showed it (it is stored hashed)");
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1024) throw new UsageError('--concurrency must be a whole number from 1 to 1024');
  const result = await licensingStorm({
    url: String(options.url),
    fleet: name,
    password: String(options.password),
    concurrency,
    log: (line) => stderr(`fleet ${name}: ${line}`),
  });
  if (options.json) console.log(JSON.stringify(result, null, 2));
  else {
    console.log(`licensing storm over fleet ${name}: ${result.smartServers} SmartServers`);
    for (const p of result.phases)
      console.log(
        `  ${p.phase.padEnd(24)} ${String(p.perSecond).padStart(8)} per second   p50 ${p.p50Ms} ms   p99 ${p.p99Ms} ms   (${(p.ms / 1000).toFixed(1)} s)`,
      );
    console.log(`  licenses held: ${result.heldAfterActivation} after activation, ${result.heldAfterReturn} after the return`);
    console.log(result.violations.length === 0 ? '  every invariant holds across the fleet' : `  ${result.violations.length} invariants broken:`);
    for (const v of result.violations.slice(0, 20)) console.log(`    ${v}`);
  }
  return result.violations.length === 0 ? 0 : 1;
}

async function image(options: Options): Promise<number> {
  const docker = dockerClient(options['docker-host'] as string | undefined);
  if (!(await dockerAnswers(docker))) throw new UsageError('no Docker engine answers; start one, or build from the Dockerfile where a registry can be reached');
  const result = await ensureImage(docker, stderr, Boolean(options.rebuild));
  console.log(result.tag);
  return 0;
}

async function down(name: string | undefined, options: Options): Promise<number> {
  const which = name ?? (options.name as string | undefined) ?? 'sslab';
  const ended = await (await runtimeOf(options)).down(which, (line) => stderr(`fleet ${which}: ${line}`));
  console.log(
    ended ? `fleet ${which} is down (${ended} ${options.runtime === 'process' ? 'processes' : 'containers'} ended)` : `nothing of fleet ${which} was running`,
  );
  return 0;
}

export async function fleetCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === 'help') {
    process.stdout.write(FLEET_HELP);
    return 0;
  }
  const [arg, flags] = positional(rest);
  const specs =
    sub === 'up'
      ? UP
      : sub === 'down'
        ? RUNTIME
        : sub === 'compose' || sub === 'kubernetes'
          ? COMPOSE
          : sub === 'storm'
            ? STORM
            : sub === 'image'
              ? UP.filter((o) => ['docker-host', 'rebuild', 'help'].includes(o.name))
              : [...WHERE, ...MEMBERS];
  const options = parseOptions(flags, specs);
  if (options.help) {
    process.stdout.write(FLEET_HELP);
    return 0;
  }
  try {
    switch (sub) {
      case 'create':
        return await create(arg, options);
      case 'list':
        return await list(options);
      case 'show':
        return await show(arg, options);
      case 'remove':
        return await remove(arg, options);
      case 'up':
        return await up(options);
      case 'down':
        return await down(arg, options);
      case 'compose':
        return await compose(arg, options);
      case 'kubernetes':
        return await kubernetes(arg, options);
      case 'image':
        return await image(options);
      case 'storm':
        return await stormCommand(arg, options);
      default:
        throw new UsageError(`unknown subcommand "${sub}"; use create, list, show, remove, up, down, compose, kubernetes, storm or image`);
    }
  } catch (error) {
    if (error instanceof Problem) {
      process.stderr.write(`sslab fleet ${sub}: ${error.detail}\n`);
      return 1;
    }
    if (error instanceof UsageError || error instanceof MissingDependency) throw error;
    process.stderr.write(`sslab fleet ${sub}: ${(error as Error).message}\n`);
    return 1;
  }
}
