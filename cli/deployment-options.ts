import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { UsageError, type OptionSpec } from './args';
import {
  checkFleetDescription,
  FleetDescriptionError,
  parseFleetText,
  readFleetFile,
  type FleetDescription,
} from '../emulator/control-plane/fleets/description';
import { shardIndexFromOrchestrator, SlotUnknown } from '../emulator/runtime/fleet/orchestrator-slot';
import { TOKEN_SECRET_FILE_VARIABLE, TOKEN_SECRET_VARIABLE } from '../emulator/runtime/fleet/topology';
import { ROLES, type Role, type ServeOptions } from '../emulator/runtime/serve';

/** The `sslab emulator` options that split the emulator into a portal-and-cloud process and shards, and load a fleet at start. */
export const DEPLOYMENT_OPTIONS: OptionSpec[] = [
  { name: 'role', type: 'string', help: `${ROLES.join(', ')}: everything here, the portals and cloud in front of shards, or one shard`, default: 'all' },
  { name: 'cloud-url', type: 'string', help: 'for a shard: the portal-and-cloud process (http://127.0.0.1:PORT)' },
  {
    name: 'fleet-shard',
    type: 'string',
    help: 'for a shard: which one it is, as i/N (0/4 … 3/4), or slot/N to take i from the orchestrator (Swarm task slot in $SSLAB_TASK_SLOT, else the StatefulSet ordinal ending the host name)',
  },
  { name: 'shard-port-base', type: 'number', help: 'for a shard: listen on this port plus its index instead of --port (replicas sharing one host network)' },
  { name: 'shard-urls', type: 'string', help: "for the cloud role: the shards' base URLs, comma-separated, in shard order" },
  { name: 'fleet', type: 'string', help: 'a fleet file (YAML or JSON), or its JSON text, to make at start' },
];

/** A value that is either JSON text or the name of a file holding it. */
export function jsonOrFile(value: string, what: string): unknown {
  const text = value.trimStart().startsWith('{') ? value : readText(value, what);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${what} is not JSON: ${(error as Error).message}`);
  }
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(resolve(path), 'utf8');
  } catch {
    throw new UsageError(`${what} ${path} cannot be read`);
  }
}

/** Reads a fleet file or the JSON text of one; a bad field is a usage error naming it. */
export function readFleetOption(value: string): FleetDescription {
  try {
    return value.trimStart().startsWith('{') ? checkFleetDescription(parseFleetText(value, '--fleet')) : readFleetFile(resolve(value));
  } catch (error) {
    if (error instanceof FleetDescriptionError)
      throw new UsageError(`the fleet cannot be used:\n${error.issues.map((i) => `  ${i.field}: ${i.rule}`).join('\n')}`);
    throw error;
  }
}

export function readDeploymentOptions(
  options: Record<string, string | number | boolean | undefined>,
  env: NodeJS.ProcessEnv = process.env,
  host = hostname(),
): Pick<ServeOptions, 'role' | 'cloudUrl' | 'shard' | 'shardUrls' | 'fleet' | 'tokenSecret'> & { shardPort?: number } {
  const role = String(options.role) as Role;
  if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  const cloudUrl = options['cloud-url'] === undefined ? undefined : String(options['cloud-url']).replace(/\/$/, '');
  const shardUrls =
    options['shard-urls'] === undefined
      ? undefined
      : String(options['shard-urls'])
          .split(',')
          .map((u) => u.trim().replace(/\/$/, ''))
          .filter(Boolean);
  let shard: ServeOptions['shard'];
  if (options['fleet-shard'] !== undefined) {
    const match = /^(\d+|slot)\/(\d+)$/.exec(String(options['fleet-shard']));
    if (!match || Number(match[2]) < 1 || Number(match[1]) >= Number(match[2]))
      throw new UsageError('--fleet-shard must be i/N with 0 <= i < N, such as 0/4, or slot/N');
    const count = Number(match[2]);
    try {
      shard = { index: match[1] === 'slot' ? shardIndexFromOrchestrator(count, env, host) : Number(match[1]), count };
    } catch (error) {
      if (error instanceof SlotUnknown) throw new UsageError(error.message);
      throw error;
    }
  }
  const portBase = options['shard-port-base'];
  if (portBase !== undefined && role !== 'shard') throw new UsageError('--shard-port-base is for --role shard');
  const shardPort = portBase !== undefined && shard ? Number(portBase) + shard.index : undefined;
  if (role === 'shard' && (!cloudUrl || !shard)) throw new UsageError('--role shard needs --cloud-url and --fleet-shard i/N');
  if (role === 'cloud' && !shardUrls?.length) throw new UsageError('--role cloud needs --shard-urls');
  if (role !== 'shard' && (cloudUrl || shard)) throw new UsageError('--cloud-url and --fleet-shard are for --role shard');
  if (role !== 'cloud' && shardUrls) throw new UsageError('--shard-urls is for --role cloud');
  const fleet = options.fleet === undefined ? undefined : readFleetOption(String(options.fleet));
  if (fleet && role !== 'all' && fleet.seed === undefined) throw new UsageError('a fleet loaded by a sharded emulator needs a seed in the fleet file');
  // The processes of a sharded emulator sign session tokens with one secret, passed in the environment so that no command line shows it.
  return { role, cloudUrl, shard, shardUrls, fleet, tokenSecret: tokenSecretFrom(env), shardPort };
}

/** The shared token secret: in the environment, or in the file an orchestrator's secret is mounted as. */
function tokenSecretFrom(env: NodeJS.ProcessEnv): string | undefined {
  if (env[TOKEN_SECRET_VARIABLE]) return env[TOKEN_SECRET_VARIABLE];
  const file = env[TOKEN_SECRET_FILE_VARIABLE];
  if (!file) return undefined;
  const secret = readText(file, TOKEN_SECRET_FILE_VARIABLE).trim();
  if (!secret) throw new UsageError(`${TOKEN_SECRET_FILE_VARIABLE} names ${file}, which is empty`);
  return secret;
}
