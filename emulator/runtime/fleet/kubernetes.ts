import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { ConfigMap, type IContainer, type IProbe, Secret, Service } from 'kubernetes-models/v1';
import { stringify } from 'yaml';
import { type DeployRequest, sharedArgs } from './compose';
import { TOKEN_SECRET_VARIABLE } from './topology';

/**
 * Kubernetes manifests for a fleet: a StatefulSet of shards (a pod's ordinal is its shard number)
 * behind a headless Service, so shard i is reachable as NAME-shard-i.NAME-shards; a Deployment and
 * Service for the cloud front door, which the shards reach by its Service name; a ConfigMap with the
 * fleet file and a Secret with the token secret every process shares. Built from the typed models
 * of kubernetes-models, each validated against the Kubernetes schema before anything is written.
 */

export interface KubernetesRequest extends DeployRequest {
  /** The shared token secret (base64). */
  tokenSecret: string;
}

/** Every process listens here in its own pod. */
export const POD_PORT = 8080;
const CONFIG_DIR = '/etc/sslab';

/** A name Kubernetes accepts (DNS-1123 label) made from the fleet's name. */
export function kubernetesName(fleetName: string): string {
  const name = `sslab-${fleetName}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/-$/, '');
  return name.slice(0, 40).replace(/-$/, '');
}

function probe(initialDelaySeconds: number, failureThreshold: number): IProbe {
  return { httpGet: { path: '/_emulator/health', port: POD_PORT }, initialDelaySeconds, periodSeconds: 5, timeoutSeconds: 3, failureThreshold };
}

export function kubernetesManifests(request: KubernetesRequest): Record<string, unknown>[] {
  const name = kubernetesName(request.fleet.name);
  const labels = (role: string) => ({ 'app.kubernetes.io/name': 'sslab-emulator', 'app.kubernetes.io/instance': name, 'sslab.fleet/role': role });
  const shardsService = `${name}-shards`;
  const cloudService = `${name}-cloud`;
  const shardSet = `${name}-shard`;
  const shared = sharedArgs({ ...request, seed: request.seed === undefined ? undefined : `${CONFIG_DIR}/seed.json` }, `${CONFIG_DIR}/fleet.yaml`);
  const container = (role: 'cloud' | 'shard', args: string[]): IContainer => ({
    name: role,
    image: request.image,
    args: ['--role', role, '--host', '0.0.0.0', '--port', String(POD_PORT), ...args, ...shared],
    ports: [{ name: 'http', containerPort: POD_PORT }],
    env: [{ name: TOKEN_SECRET_VARIABLE, valueFrom: { secretKeyRef: { name: `${name}-token`, key: 'token-secret' } } }],
    volumeMounts: [{ name: 'fleet', mountPath: CONFIG_DIR, readOnly: true }],
    // A big fleet takes a while to load before the first answer.
    readinessProbe: probe(2, 3),
    livenessProbe: probe(30, 12),
  });
  const volumes = [{ name: 'fleet', configMap: { name: `${name}-fleet` } }];
  const shardUrls = Array.from({ length: request.shards }, (_, i) => `http://${shardSet}-${i}.${shardsService}:${POD_PORT}`);

  const models = [
    new ConfigMap({
      metadata: { name: `${name}-fleet`, labels: labels('config') },
      data: {
        'fleet.yaml': stringify(request.fleet),
        ...(request.seed !== undefined ? { 'seed.json': JSON.stringify(request.seed, null, 2) } : {}),
      },
    }),
    new Secret({ metadata: { name: `${name}-token`, labels: labels('config') }, type: 'Opaque', stringData: { 'token-secret': request.tokenSecret } }),
    new Service({
      metadata: { name: shardsService, labels: labels('shard') },
      // Headless: each shard pod gets its own DNS name, also before it is ready, since the cloud is started with all of them.
      spec: { clusterIP: 'None', publishNotReadyAddresses: true, selector: labels('shard'), ports: [{ name: 'http', port: POD_PORT, targetPort: POD_PORT }] },
    }),
    new StatefulSet({
      metadata: { name: shardSet, labels: labels('shard') },
      spec: {
        serviceName: shardsService,
        replicas: request.shards,
        podManagementPolicy: 'Parallel',
        selector: { matchLabels: labels('shard') },
        template: {
          metadata: { labels: labels('shard') },
          spec: {
            containers: [container('shard', ['--fleet-shard', `slot/${request.shards}`, '--cloud-url', `http://${cloudService}:${POD_PORT}`])],
            volumes,
          },
        },
      },
    }),
    new Deployment({
      metadata: { name: cloudService, labels: labels('cloud') },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels('cloud') },
        template: { metadata: { labels: labels('cloud') }, spec: { containers: [container('cloud', ['--shard-urls', shardUrls.join(',')])], volumes } },
      },
    }),
    new Service({
      metadata: { name: cloudService, labels: labels('cloud') },
      spec: { selector: labels('cloud'), ports: [{ name: 'http', port: POD_PORT, targetPort: POD_PORT }] },
    }),
  ];
  return models.map((model) => {
    model.validate();
    return model.toJSON() as Record<string, unknown>;
  });
}

/** The manifests as one YAML stream, for `kubectl apply -f`. */
export function manifestsYaml(manifests: Record<string, unknown>[]): string {
  return manifests.map((m) => stringify(m, { aliasDuplicateObjects: false, lineWidth: 0 })).join('---\n');
}
