import { join } from 'node:path';
import { StatefulSet } from 'kubernetes-models/apps/v1';
import { expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { readFleetFile, withSeed } from '../../control-plane/fleets/description';
import { composeFile } from './compose';
import { kubernetesManifests, kubernetesName, manifestsYaml } from './kubernetes';

const CAMPUS = withSeed(readFleetFile(join(__dirname, '..', '..', 'control-plane', 'fleets', 'examples', 'campus.yaml')));

type Service = { command: string[]; environment: Record<string, string>; deploy: { replicas: number }; healthcheck: { test: string[] } };

test('the Compose file runs one cloud and a shard per task slot, each on its own loopback port', () => {
  const file = composeFile({ fleet: CAMPUS, shards: 4, image: 'sslab-emulator:t', port: 20_100, secretFile: './campus.token-secret' }) as {
    services: { cloud: Service; shard: Service };
    networks: unknown;
    secrets: unknown;
  };
  const { cloud, shard } = file.services;
  expect(cloud.deploy.replicas).toBe(1);
  expect(cloud.command.slice(cloud.command.indexOf('--shard-urls'), cloud.command.indexOf('--shard-urls') + 2)).toEqual([
    '--shard-urls',
    'http://127.0.0.1:20101,http://127.0.0.1:20102,http://127.0.0.1:20103,http://127.0.0.1:20104',
  ]);
  expect(shard.deploy.replicas).toBe(4);
  expect(shard.environment.SSLAB_TASK_SLOT).toBe('{{.Task.Slot}}');
  expect(shard.command.join(' ')).toContain('--fleet-shard slot/4 --shard-port-base 20101 --cloud-url http://127.0.0.1:20100');
  expect(shard.healthcheck.test.join(' ')).toContain("'http://127.0.0.1:'+(20100+Number(process.env.SSLAB_TASK_SLOT))+'/_emulator/health'");
  // Every process makes the same fleet: the seed is fixed in the file.
  expect(JSON.parse(cloud.command[cloud.command.indexOf('--fleet') + 1])).toMatchObject({ name: 'campus', seed: CAMPUS.seed });
  expect(file.networks).toEqual({ host: { external: true, name: 'host' } });
  expect(file.secrets).toEqual({ sslab_token_secret: { file: './campus.token-secret' } });
});

test('the Kubernetes manifests are a StatefulSet of shards found by pod DNS, a cloud Deployment and Service, the fleet and the secret', () => {
  const manifests = kubernetesManifests({ fleet: CAMPUS, shards: 3, image: 'sslab-emulator:t', tokenSecret: 'c2VjcmV0', seed: { partners: [] } });
  expect(manifests.map((m) => `${m.kind}/${(m.metadata as { name: string }).name}`)).toEqual([
    'ConfigMap/sslab-campus-fleet',
    'Secret/sslab-campus-token',
    'Service/sslab-campus-shards',
    'StatefulSet/sslab-campus-shard',
    'Deployment/sslab-campus-cloud',
    'Service/sslab-campus-cloud',
  ]);
  // The YAML stream reads back as the same objects, and each is still valid against the schema.
  const documents = parseAllDocuments(manifestsYaml(manifests)).map((d) => d.toJS() as Record<string, unknown>);
  expect(documents).toEqual(manifests);
  const set = new StatefulSet(documents[3] as never);
  expect(() => set.validate()).not.toThrow();
  expect(set.spec?.serviceName).toBe('sslab-campus-shards');
  const shardArgs = set.spec?.template.spec?.containers[0].args ?? [];
  expect(shardArgs.join(' ')).toContain('--fleet-shard slot/3 --cloud-url http://sslab-campus-cloud:8080');
  expect(set.spec?.template.spec?.containers[0].readinessProbe?.httpGet?.path).toBe('/_emulator/health');
  const cloudArgs = ((documents[4] as { spec: { template: { spec: { containers: { args: string[] }[] } } } }).spec.template.spec.containers[0].args ?? []).join(
    ' ',
  );
  expect(cloudArgs).toContain(
    '--shard-urls http://sslab-campus-shard-0.sslab-campus-shards:8080,http://sslab-campus-shard-1.sslab-campus-shards:8080,http://sslab-campus-shard-2.sslab-campus-shards:8080',
  );
  expect(cloudArgs).toContain('--fleet /etc/sslab/fleet.yaml --seed /etc/sslab/seed.json');
  expect(readFleetFromConfigMap(documents[0])).toMatchObject({ name: 'campus', seed: CAMPUS.seed });
});

function readFleetFromConfigMap(configMap: Record<string, unknown>): unknown {
  return parseAllDocuments((configMap.data as Record<string, string>)['fleet.yaml'])[0].toJS();
}

test('a manifest the Kubernetes schema refuses is never written: the error names the field', () => {
  expect(() => kubernetesManifests({ fleet: CAMPUS, shards: 2.5, image: 'i', tokenSecret: 's' })).toThrow(/spec\/replicas must be integer/);
});

test('names are DNS labels Kubernetes accepts', () => {
  expect(kubernetesName('Campus_North 2')).toBe('sslab-campus-north-2');
  expect(kubernetesName('x'.repeat(80)).length).toBeLessThanOrEqual(40);
});
