import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from '@complaints/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';

/** A Kafka cluster the tests can produce to and consume from. */
export interface KafkaBroker {
  kind: 'configured' | 'kcat-mock' | 'testcontainers';
  brokers: string[];
  /** Whether the broker serves the admin API's CreateTopics (librdkafka's mock cluster does not: it auto-creates topics). */
  servesCreateTopics: boolean;
  /** Freeze / thaw the broker process (SIGSTOP / SIGCONT): an outage the client sees as timeouts. Only the kcat mock can. */
  pause?(): void;
  resume?(): void;
  stop(): Promise<void>;
}

const KCAT_ADDRESS = /bootstrap\.servers=(127\.0\.0\.1:\d+)/;

/**
 * librdkafka's mock cluster, started through kcat (a consumer of a throwaway topic with
 * test.mock.num.brokers set): it prints its address in its debug log on stderr and then serves
 * produce, fetch and consumer groups to kafkajs, auto-creating topics (4 partitions). Killed on
 * stop, and when this process exits.
 */
export async function startKcatMock(): Promise<KafkaBroker> {
  const child = spawn(
    'kcat',
    ['-b', 'unused:1', '-C', '-t', 'mock-probe', '-X', 'test.mock.num.brokers=1', '-d', 'mock'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const address = await new Promise<string>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(
      () => reject(new Error(`kcat did not report the mock cluster's address within 15 s:\n${log.slice(-2000)}`)),
      15_000,
    );
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kcat exited (code ${code}) before the mock cluster was up:\n${log.slice(-2000)}`));
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      log += chunk;
      const match = KCAT_ADDRESS.exec(log);
      if (match) {
        clearTimeout(timer);
        // Keep draining its debug log, or kcat blocks on a full pipe.
        child.stderr?.removeAllListeners('data');
        child.stderr?.resume();
        child.removeAllListeners('exit');
        resolve(match[1] ?? '');
      }
    });
  });
  return {
    kind: 'kcat-mock',
    brokers: [address],
    servesCreateTopics: false,
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await stopChild(child);
    },
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGCONT');
  child.kill('SIGKILL');
  await exited;
}

function kcatAvailable(): boolean {
  return spawnSync('kcat', ['-V'], { stdio: 'ignore' }).status === 0;
}

/**
 * A single-node Kafka (KRaft) in a container, where Docker exists. The host port is chosen
 * first and used on both sides, so the address the broker advertises is the one the tests reach.
 */
export async function startKafkaContainer(): Promise<KafkaBroker> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const port = await freePort();
  const container = await new GenericContainer('apache/kafka:3.8.0')
    .withExposedPorts({ container: port, host: port })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: `PLAINTEXT://:${port},CONTROLLER://:9093`,
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${port}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'true',
      KAFKA_NUM_PARTITIONS: '4',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .withStartupTimeout(120_000)
    .start();
  return {
    kind: 'testcontainers',
    brokers: [`127.0.0.1:${port}`],
    servesCreateTopics: true,
    stop: async () => {
      await container.stop();
    },
  };
}

type BrokerFactory = { label: string; start: () => Promise<KafkaBroker> } | { label: string; skip: string };

/**
 * Which Kafka clusters to run a suite on: the one in KAFKA_BROKERS alone when it is set;
 * otherwise the kcat mock cluster (when kcat is installed) and a testcontainers Kafka (when
 * Docker answers). A missing kcat is a printed skip — an error when KAFKA_REQUIRED=true (CI).
 */
function brokerFactories(): BrokerFactory[] {
  const configured = process.env['KAFKA_BROKERS'];
  if (configured) {
    const brokers = configured
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean);
    return [
      {
        label: 'KAFKA_BROKERS',
        start: async () => ({ kind: 'configured', brokers, servesCreateTopics: true, stop: async () => undefined }),
      },
    ];
  }
  const factories: BrokerFactory[] = [];
  if (kcatAvailable()) {
    factories.push({ label: 'kcat mock cluster', start: startKcatMock });
  } else {
    const reason = 'kcat is not installed (apt-get install kcat), so the librdkafka mock cluster cannot be started';
    if (process.env['KAFKA_REQUIRED'] === 'true') throw new Error(`KAFKA_REQUIRED is set but ${reason}`);
    factories.push({ label: 'kcat mock cluster', skip: reason });
  }
  const docker = dockerProblem();
  factories.push(
    docker === undefined
      ? { label: 'testcontainers Kafka', start: startKafkaContainer }
      : { label: 'testcontainers Kafka', skip: `no Docker: ${docker}` },
  );
  return factories;
}

/** Why Docker cannot run containers here, or undefined when it can (DOCKER_HOST or the local socket answering `docker info`). */
function dockerProblem(): string | undefined {
  const result = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 10_000 });
  if (result.error) return `the docker command is not available (${result.error.message})`;
  if (result.status !== 0)
    return `docker info failed (exit ${result.status}): ${(result.stderr || result.stdout).trim().split('\n')[0] || 'no daemon answering'}`;
  return undefined;
}

/** Register a suite once per available Kafka cluster; the broker is started before and stopped after it. */
export function describeOnKafka(name: string, body: (broker: () => KafkaBroker) => void): void {
  for (const factory of brokerFactories()) {
    if ('skip' in factory) {
      console.warn(`[kafka] ${name} on ${factory.label} SKIPPED: ${factory.skip}`);
      describe.skip(`${name} [${factory.label}] skipped: ${factory.skip}`, () => {
        it('needs the broker', () => undefined);
      });
      continue;
    }
    describe(`${name} [${factory.label}]`, () => {
      let broker: KafkaBroker | undefined;
      beforeAll(async () => {
        broker = await factory.start();
      }, 180_000);
      afterAll(async () => {
        await broker?.stop();
      });
      body(() => {
        if (!broker) throw new Error('the Kafka broker did not start');
        return broker;
      });
    });
  }
}
