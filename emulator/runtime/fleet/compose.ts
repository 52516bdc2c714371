import type { FleetDescription } from '../../control-plane/fleets/description';
import { TASK_SLOT_VARIABLE } from './orchestrator-slot';
import { LOOPBACK, TOKEN_SECRET_FILE_VARIABLE, urlOf } from './topology';

/**
 * A Compose file for a fleet: a `cloud` service (the portals, the licensing cloud and the front
 * door) and a `shard` service with one replica per shard. Every container is on the host network
 * bound to 127.0.0.1: the cloud on `port`, the replica in Swarm task slot s on port + s, and it
 * takes its shard number from that slot. So each finds the others by the orchestrator's own
 * numbering, with no registry of ours. `docker stack deploy` runs it on a Swarm.
 */

export interface DeployRequest {
  fleet: FleetDescription;
  shards: number;
  image: string;
  /** Accounts and licenses to start with (the emulator's --seed). */
  seed?: unknown;
  startDate?: string;
  /** "fast" for throwaway test fleets: cheaper password hashes, so that thousands of logins do not queue. */
  passwordCost?: string;
}

export interface ComposeRequest extends Omit<DeployRequest, 'fleet'> {
  /** The fleet every process makes at start; without one, the seed alone. */
  fleet?: FleetDescription;
  /** What the containers are labelled with (sslab.fleet): the fleet's name unless given. */
  name?: string;
  /** The cloud's port; shard i listens on port + 1 + i. */
  port: number;
  /** The file holding the shared token secret, relative to the Compose file. */
  secretFile: string;
}

export const TOKEN_SECRET_NAME = 'sslab_token_secret';
const SECRET_PATH = `/run/secrets/${TOKEN_SECRET_NAME}`;
/** The emulator image's node binary (the Dockerfile's and the one built here alike). */
const NODE = '/usr/local/bin/node';

/** The emulator options every process of a fleet shares. */
export function sharedArgs(request: Omit<DeployRequest, 'fleet'>, fleetArg: string | undefined): string[] {
  return [
    '--data-file',
    ':memory:',
    '--quiet',
    ...(fleetArg !== undefined ? ['--fleet', fleetArg] : []),
    ...(request.seed !== undefined ? ['--seed', typeof request.seed === 'string' ? request.seed : JSON.stringify(request.seed)] : []),
    ...(request.startDate ? ['--start-date', request.startDate] : []),
    ...(request.passwordCost ? ['--password-cost', request.passwordCost] : []),
  ];
}

/**
 * A health check the container runs: GET /_emulator/health on the port, which may come from the
 * task slot. Every check starts a process in the container, so it asks with node:http (a third of
 * the CPU of fetch, which loads its whole stack first) and only every 10 s: checks every 2 s from
 * five replicas took half a core of a two-core machine.
 */
function healthCheck(portExpression: string) {
  return {
    test: [
      'CMD',
      NODE,
      '-e',
      `require('http').get('http://${LOOPBACK}:'+(${portExpression})+'/_emulator/health',(r)=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))`,
    ],
    interval: '10s',
    timeout: '5s',
    retries: 3,
    start_period: '120s',
  };
}

export function composeFile(request: ComposeRequest): Record<string, unknown> {
  const { port, shards } = request;
  const shared = sharedArgs(request, request.fleet && JSON.stringify(request.fleet));
  const shardUrls = Array.from({ length: shards }, (_, i) => urlOf(port + 1 + i));
  const common = {
    image: request.image,
    init: true,
    networks: ['host'],
    secrets: [TOKEN_SECRET_NAME],
    labels: { 'sslab.fleet': request.name ?? request.fleet?.name ?? 'sslab' },
  };
  return {
    // Compose itself needs no version; `docker stack deploy` reads it to pick its file format.
    version: '3.8',
    services: {
      cloud: {
        ...common,
        command: ['--role', 'cloud', '--host', LOOPBACK, '--port', String(port), '--shard-urls', shardUrls.join(','), ...shared],
        environment: { [TOKEN_SECRET_FILE_VARIABLE]: SECRET_PATH },
        healthcheck: healthCheck(String(port)),
        deploy: { replicas: 1 },
      },
      shard: {
        ...common,
        command: [
          '--role',
          'shard',
          '--host',
          LOOPBACK,
          '--fleet-shard',
          `slot/${shards}`,
          '--shard-port-base',
          String(port + 1),
          '--cloud-url',
          urlOf(port),
          ...shared,
        ],
        environment: { [TOKEN_SECRET_FILE_VARIABLE]: SECRET_PATH, [TASK_SLOT_VARIABLE]: '{{.Task.Slot}}' },
        // Task slots count from 1: slot s is shard s - 1 on port + s.
        healthcheck: healthCheck(`${port}+Number(process.env.${TASK_SLOT_VARIABLE})`),
        deploy: { replicas: shards },
      },
    },
    networks: { host: { external: true, name: 'host' } },
    secrets: { [TOKEN_SECRET_NAME]: { file: request.secretFile } },
  };
}
