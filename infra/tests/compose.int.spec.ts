import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentVariablesIn, hostsOf, INFRA, readYaml, sourcesUnder, type Yaml } from './support/files';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  restart?: string;
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }> | string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
}

const compose = readYaml('infra/compose.yaml') as Yaml & { services: Record<string, Service> };
const services = compose.services;
const named = (prefix: string) => Object.entries(services).filter(([name]) => name.startsWith(prefix));
const env = (name: string) => services[name]!.environment ?? {};
const healthcheckText = (s: Service) => [s.healthcheck?.test ?? []].flat().join(' ');

/** One-shot jobs: never restarted, and waited for with service_completed_successfully. */
const oneShot = (name: string) =>
  services[name]!.restart === 'no' &&
  Object.values(services).some(
    (s) => !Array.isArray(s.depends_on) && s.depends_on?.[name]?.condition === 'service_completed_successfully',
  );

const apiConfigVariables = environmentVariablesIn([
  ...sourcesUnder('apps/api/src/config'),
  ...sourcesUnder('libs/runtime/src/config'),
]);
const workerConfigVariables = environmentVariablesIn([
  ...sourcesUnder('libs/runtime/src/config'),
  ...sourcesUnder('apps/worker/src'),
]);

describe('infra/compose.yaml', () => {
  it('is accepted by docker compose (when the CLI is installed: it needs no engine for `config`)', () => {
    let cli: string | undefined;
    for (const candidate of ['docker-compose']) {
      try {
        execFileSync(candidate, ['version'], { stdio: 'ignore' });
        cli = candidate;
      } catch {
        // not installed here
      }
    }
    if (!cli) {
      console.warn('docker-compose is not installed: `config` validation skipped (the checks below still run)');
      return;
    }
    const out = execFileSync(cli, ['-f', join(INFRA, 'compose.yaml'), 'config', '-q'], {
      env: { ...process.env, AUTH_JWT_SECRET: 'x'.repeat(32), POSTGRES_PASSWORD: 'p' },
      encoding: 'utf8',
    });
    expect(out).toBe('');
  });

  it('runs the whole stack: 3 KurrentDB nodes, 3 Kafka brokers, PostgreSQL, the API and the worker', () => {
    expect(named('kurrentdb-').length).toBe(3);
    expect(named('kafka-').filter(([name]) => /^kafka-\d$/.test(name)).length).toBe(3);
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['postgres', 'api', 'worker']));
  });

  it('gives every long-running service a health check, and every dependency a condition that can be met', () => {
    for (const [name, service] of Object.entries(services)) {
      if (!oneShot(name)) expect(service.healthcheck?.test, `${name} has no healthcheck`).toBeDefined();
      if (service.depends_on === undefined) continue;
      expect(Array.isArray(service.depends_on), `${name}: depends_on needs conditions`).toBe(false);
      for (const [dependency, { condition }] of Object.entries(service.depends_on)) {
        expect(services[dependency], `${name} depends on unknown ${dependency}`).toBeDefined();
        if (condition === 'service_healthy')
          expect(services[dependency]!.healthcheck, `${dependency} has no healthcheck`).toBeDefined();
        else expect(condition, `${name} → ${dependency}`).toBe('service_completed_successfully');
      }
    }
    for (const app of ['api', 'worker']) {
      const deps = services[app]!.depends_on as Record<string, { condition: string }>;
      expect(Object.keys(deps)).toEqual(
        expect.arrayContaining(['postgres', 'kurrentdb-1', 'kurrentdb-2', 'kurrentdb-3', 'kafka-topics']),
      );
    }
  });

  it('pins every pulled image to a version (no latest, no bare name)', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build) continue; // built from this repository
      expect(service.image, name).toMatch(/^[^\s:]+(:(?!latest$)[\w][\w.-]*|@sha256:[0-9a-f]{64})$/);
    }
  });

  it('forms a KurrentDB cluster of 3: each node knows the other two by name', () => {
    const nodes = named('kurrentdb-').map(([name]) => name);
    for (const node of nodes) {
      expect(env(node)['KURRENTDB_CLUSTER_SIZE']).toBe('3');
      expect(env(node)['KURRENTDB_DISCOVER_VIA_DNS']).toBe('false');
      const seeds = hostsOf(env(node)['KURRENTDB_GOSSIP_SEED']!);
      expect(seeds.map((s) => s.host).sort()).toEqual(nodes.filter((n) => n !== node).sort());
      expect(seeds.every((s) => s.port === 2113)).toBe(true);
    }
  });

  it('runs Kafka in KRaft mode: 3 voters matching the node ids, replication 3, min in-sync replicas 2', () => {
    const brokers = named('kafka-').filter(([name]) => /^kafka-\d$/.test(name));
    const ids = brokers.map(([name]) => `${env(name)['KAFKA_NODE_ID']}@${name}:9093`).sort();
    for (const [name] of brokers) {
      const e = env(name);
      expect(e['KAFKA_PROCESS_ROLES']).toBe('broker,controller');
      expect(e['KAFKA_CONTROLLER_QUORUM_VOTERS']!.split(',').sort()).toEqual(ids);
      expect(e['KAFKA_DEFAULT_REPLICATION_FACTOR']).toBe('3');
      expect(e['KAFKA_MIN_INSYNC_REPLICAS']).toBe('2');
      expect(e['KAFKA_ADVERTISED_LISTENERS']).toBe(`PLAINTEXT://${name}:9092`);
      expect(e['KAFKA_AUTO_CREATE_TOPICS_ENABLE']).toBe('false');
    }
    expect(new Set(brokers.map(([name]) => env(name)['CLUSTER_ID'])).size).toBe(1);
  });

  it('creates the topic the relay publishes to, replicated 3 times, min.insync.replicas=2, never compacted', () => {
    const command = [services['kafka-topics']!.command ?? []].flat();
    const after = (flag: string) => command[command.indexOf(flag) + 1];
    expect(after('--topic')).toBe(env('worker')['KAFKA_TOPIC']);
    expect(after('--replication-factor')).toBe('3');
    expect(command).toEqual(expect.arrayContaining(['min.insync.replicas=2', 'cleanup.policy=delete']));
  });

  it('passes the API and the worker only variables their configuration reads', () => {
    expect(apiConfigVariables.size).toBeGreaterThan(10);
    for (const name of Object.keys(env('api'))) expect(apiConfigVariables.has(name), `api: ${name}`).toBe(true);
    for (const name of Object.keys(env('worker')))
      expect(workerConfigVariables.has(name), `worker: ${name}`).toBe(true);
    expect(env('api')['BACKGROUND_WORK']).toBe('external');
  });

  it('points the applications at the services that exist, on the ports they listen on', () => {
    for (const app of ['api', 'worker']) {
      const e = env(app);
      for (const { host, port } of hostsOf(e['EVENTSTORE_URL']!))
        expect([host, port]).toEqual([expect.stringMatching(/^kurrentdb-\d$/), 2113]);
      for (const { host, port } of hostsOf(e['KAFKA_BROKERS']!)) {
        expect(services[host], host).toBeDefined();
        expect(port).toBe(9092);
      }
      expect(hostsOf(e['DATABASE_URL']!)).toEqual([{ host: 'postgres', port: 5432 }]);
    }
    const apiPort = env('api')['PORT']!;
    expect(services['api']!.ports).toEqual([`${apiPort}:${apiPort}`]);
    expect(healthcheckText(services['api']!)).toContain(`:${apiPort}/ready`);
    expect(healthcheckText(services['worker']!)).toContain(`:${env('worker')['WORKER_PORT']}/ready`);
  });

  it('runs one image for both applications, with their own commands', () => {
    expect(services['api']!.image).toBe(services['worker']!.image);
    expect(services['api']!.command).toEqual(['node', 'dist/apps/api/src/main.js']);
    expect(services['worker']!.command).toEqual(['node', 'dist/apps/worker/src/main.js']);
  });

  it('mounts one KEYS_DIR volume in the API and the worker (they share PostgreSQL, so they share its KEKs), apart from the database volume', () => {
    for (const app of ['api', 'worker']) {
      const keysDir = env(app)['KEYS_DIR'];
      expect(keysDir).toBe('/app/.keys');
      expect(services[app]!.volumes).toContain(`keys:${keysDir}`);
    }
    // Not the database's volume: a copy of the data must not carry the keys that open it.
    expect(services['postgres']!.volumes!.some((v) => v.startsWith('keys:'))).toBe(false);
  });
});
