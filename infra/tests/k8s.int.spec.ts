import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentVariablesIn, INFRA, readYamlDocuments, sourcesUnder, type Yaml } from './support/files';

interface Container {
  name: string;
  image: string;
  command: string[];
  ports: { name: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string } }[];
  readinessProbe?: { httpGet: { path: string; port: string | number } };
  livenessProbe?: { httpGet: { path: string; port: string | number } };
}
/** The fields of Deployments, Services, PDBs and HPAs these checks read. */
interface Spec {
  replicas?: number;
  strategy?: { type: string };
  selector?: Record<string, string> & { matchLabels?: Record<string, string> };
  template?: {
    metadata: { labels: Record<string, string> };
    spec: { securityContext: { runAsNonRoot: boolean }; containers: Container[] };
  };
  scaleTargetRef?: unknown;
  minReplicas?: number;
  minAvailable?: number;
}
type Manifest = Yaml & { kind: string; metadata: { name: string }; spec: Spec };

const manifests = readdirSync(join(INFRA, 'k8s'))
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => readYamlDocuments(`infra/k8s/${f}`)) as Manifest[];
const find = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name)!;
const containerOf = (deployment: Manifest) => deployment.spec.template!.spec.containers[0]!;
const api = find('Deployment', 'complaints-api');
const worker = find('Deployment', 'complaints-worker');
const configMap = find('ConfigMap', 'complaints-config') as Manifest & { data: Record<string, string> };

/** Every variable a container receives: its own env and the ConfigMaps it loads. */
function variablesOf(container: Container): Map<string, string | undefined> {
  const vars = new Map<string, string | undefined>();
  for (const from of container.envFrom ?? []) {
    const map = find('ConfigMap', from.configMapRef!.name) as Manifest & { data: Record<string, string> };
    for (const [k, v] of Object.entries(map.data)) vars.set(k, v);
  }
  for (const e of container.env ?? []) vars.set(e.name, e.value);
  return vars;
}

describe('infra/k8s manifests', () => {
  it('parse, and each names its kind', () => {
    expect(manifests.length).toBeGreaterThanOrEqual(7);
    expect(manifests.map((m) => m.kind).sort()).toEqual(
      expect.arrayContaining([
        'ConfigMap',
        'Deployment',
        'Deployment',
        'HorizontalPodAutoscaler',
        'PodDisruptionBudget',
        'Service',
      ]),
    );
  });

  it('probe the API: readiness on /ready, liveness on /health, on the port it listens on (PORT)', () => {
    const c = containerOf(api);
    expect(c.readinessProbe!.httpGet.path).toBe('/ready');
    expect(c.livenessProbe!.httpGet.path).toBe('/health');
    const port = c.ports.find((p) => p.name === c.readinessProbe!.httpGet.port)!;
    expect(String(port.containerPort)).toBe(variablesOf(c).get('PORT'));
  });

  it('run one worker (the relay lease), never two during a rollout, probed on WORKER_PORT', () => {
    expect(worker.spec.replicas).toBe(1);
    expect(worker.spec.strategy!.type).toBe('Recreate');
    const c = containerOf(worker);
    expect(String(c.ports.find((p) => p.name === c.readinessProbe!.httpGet.port)!.containerPort)).toBe(
      variablesOf(c).get('WORKER_PORT'),
    );
    expect(c.command).toEqual(['node', 'dist/apps/worker/src/main.js']);
  });

  it('pass each process only variables its configuration reads; secrets by reference, never inline', () => {
    const apiReads = environmentVariablesIn([
      ...sourcesUnder('apps/api/src/config'),
      ...sourcesUnder('libs/runtime/src/config'),
    ]);
    const workerReads = environmentVariablesIn([
      ...sourcesUnder('libs/runtime/src/config'),
      ...sourcesUnder('apps/worker/src'),
    ]);
    for (const name of variablesOf(containerOf(api)).keys()) expect(apiReads.has(name), `api: ${name}`).toBe(true);
    for (const name of variablesOf(containerOf(worker)).keys())
      expect(workerReads.has(name), `worker: ${name}`).toBe(true);
    for (const deployment of [api, worker]) {
      for (const e of containerOf(deployment).env ?? []) {
        if (/SECRET|PASSWORD|DATABASE_URL/.test(e.name))
          expect(e.valueFrom?.secretKeyRef?.name, e.name).toBe('complaints-secrets');
      }
    }
    expect(Object.keys(configMap.data).filter((k) => /SECRET|PASSWORD/.test(k))).toEqual([]);
    expect(variablesOf(containerOf(api)).get('BACKGROUND_WORK')).toBe('external');
  });

  it('wire the Service, PodDisruptionBudget and autoscaler to the API pods', () => {
    const labels = api.spec.template!.metadata.labels;
    const matches = (selector: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);
    expect(matches(find('Service', 'complaints-api').spec.selector!)).toBe(true);
    expect(matches(find('PodDisruptionBudget', 'complaints-api').spec.selector!.matchLabels!)).toBe(true);
    const hpa = find('HorizontalPodAutoscaler', 'complaints-api');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'complaints-api' });
    expect(hpa.spec.minReplicas).toBeGreaterThan(find('PodDisruptionBudget', 'complaints-api').spec.minAvailable!);
  });

  it('run as non-root from pinned images, without privilege escalation', () => {
    for (const deployment of [api, worker]) {
      expect(deployment.spec.template!.spec.securityContext.runAsNonRoot).toBe(true);
      const c = containerOf(deployment) as Container & { securityContext: { allowPrivilegeEscalation: boolean } };
      expect(c.image).toMatch(/:(?!latest$)\d[\w.-]*$/);
      expect(c.securityContext.allowPrivilegeEscalation).toBe(false);
    }
  });

  it('give the API pods and the worker one shared, writable KEYS_DIR volume, outside the database', () => {
    type Pod = { volumes: { name: string; persistentVolumeClaim?: { claimName: string } }[] };
    type Mounts = { volumeMounts: { name: string; mountPath: string }[] };
    for (const deployment of [api, worker]) {
      const c = containerOf(deployment) as Container & Mounts;
      const keysDir = variablesOf(c).get('KEYS_DIR');
      expect(keysDir).toBe('/app/.keys');
      const mount = c.volumeMounts.find((m) => m.mountPath === keysDir)!;
      const volume = (deployment.spec.template!.spec as unknown as Pod).volumes.find((v) => v.name === mount.name)!;
      expect(volume.persistentVolumeClaim?.claimName).toBe('complaints-keys');
    }
    const claim = manifests.find(
      (m) => m.kind === 'PersistentVolumeClaim' && m.metadata.name === 'complaints-keys',
    ) as unknown as { spec: { accessModes: string[] } };
    expect(claim.spec.accessModes).toEqual(['ReadWriteMany']);
  });
});
