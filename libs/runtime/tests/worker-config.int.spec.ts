import { describe, expect, it } from 'vitest';
import { ConfigError, loadWorkerConfig } from '../src';

function problemOf(env: Record<string, string>): string {
  try {
    loadWorkerConfig(env, '/srv/app');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadWorkerConfig', () => {
  it('reads the API names: the store, Kafka (topic complaints.events.v1 by default), the calendar, the log level; WORKER_PORT defaults to 3001', () => {
    const config = loadWorkerConfig(
      {
        DATABASE_URL: 'postgres://u:p@db/complaints',
        KAFKA_BROKERS: 'k1:9092,k2:9092',
        ORG_DIVISION: 'scotland',
        ORG_CLOSURE_DAYS: '2026-12-29',
        LOG_LEVEL: 'warn',
      },
      '/srv/app',
    );
    expect(config).toMatchObject({
      port: 3001,
      store: { kind: 'postgres', url: 'postgres://u:p@db/complaints' },
      kafka: { brokers: ['k1:9092', 'k2:9092'], topic: 'complaints.events.v1' },
      calendar: { division: 'scotland', closureDays: ['2026-12-29'] },
      logLevel: 'warn',
    });
    expect(loadWorkerConfig({ DATABASE_URL: 'postgres://db/c', WORKER_PORT: '9100' }).port).toBe(9100);
    expect(loadWorkerConfig({ DATABASE_URL: 'postgres://db/c' }).kafka).toBeUndefined();
    expect(
      loadWorkerConfig({ EVENTSTORE_URL: 'esdb://es:2113?tls=false', DATABASE_URL: 'postgres://db/c' }).store,
    ).toEqual({
      kind: 'eventstoredb',
      url: 'esdb://es:2113?tls=false',
      readModels: { kind: 'postgres', url: 'postgres://db/c' },
    });
  });

  it('creates the topic only when configured to: KAFKA_TOPIC_PARTITIONS / KAFKA_TOPIC_REPLICATION_FACTOR (defaults 12 and 3 once either is set)', () => {
    const base = { DATABASE_URL: 'postgres://db/c', KAFKA_BROKERS: 'k1:9092' };
    expect(loadWorkerConfig(base).kafka?.createTopic).toBeUndefined();
    expect(loadWorkerConfig({ ...base, KAFKA_TOPIC_PARTITIONS: '24' }).kafka?.createTopic).toEqual({
      partitions: 24,
      replicationFactor: 3,
    });
    expect(loadWorkerConfig({ ...base, KAFKA_TOPIC_REPLICATION_FACTOR: '1' }).kafka?.createTopic).toEqual({
      partitions: 12,
      replicationFactor: 1,
    });
    const message = problemOf({ ...base, KAFKA_TOPIC_PARTITIONS: '0', KAFKA_TOPIC_REPLICATION_FACTOR: 'three' });
    expect(message).toContain('KAFKA_TOPIC_PARTITIONS must be a whole number from 1 to 10000');
    expect(message).toContain('KAFKA_TOPIC_REPLICATION_FACTOR must be a whole number from 1 to 99');
  });

  it('refuses the embedded store (alone or beside EventStoreDB) in one line saying what to do', () => {
    for (const env of [{}, { EVENTSTORE_URL: 'esdb://es:2113' }] as Record<string, string>[]) {
      const message = problemOf(env);
      expect(message).toMatch(/^Invalid configuration: the worker needs DATABASE_URL \(PostgreSQL\)/);
      expect(message).toContain('BACKGROUND_WORK=in-process');
      expect(message).not.toContain('\n');
    }
  });

  it('reports every bad setting at once, with the same messages as the API', () => {
    const message = problemOf({
      DATABASE_URL: 'mysql://db',
      WORKER_PORT: '70000',
      KAFKA_BROKERS: 'nohost',
      ORG_DIVISION: 'wales',
      ORG_BANK_HOLIDAYS_FILE: 'missing.json',
    });
    expect(message).toContain('DATABASE_URL must be a URL starting with postgres:// or postgresql://');
    expect(message).toContain('WORKER_PORT must be a port number between 1 and 65535');
    expect(message).toContain('KAFKA_BROKERS must be a comma-separated list of host:port');
    expect(message).toContain('ORG_DIVISION must be one of');
    expect(message).toContain('ORG_BANK_HOLIDAYS_FILE must be a readable copy');
  });

  it('shares KEYS_DIR and KEK_ROTATION_AFTER_ERASURE with the API (same names, same refusal inside DATA_DIR)', () => {
    const config = loadWorkerConfig(
      { DATABASE_URL: 'postgres://db/c', KEYS_DIR: '/run/keys', KEK_ROTATION_AFTER_ERASURE: '10m' },
      '/srv/app',
    );
    expect(config.keysDir).toBe('/run/keys');
    expect(config.kekRotationAfterErasure).toEqual({ mode: 'delayed', delayMs: 600_000 });
    expect(loadWorkerConfig({ DATABASE_URL: 'postgres://db/c' }, '/srv/app').keysDir).toBe('/srv/app/.keys');
    expect(problemOf({ DATABASE_URL: 'postgres://db/c', DATA_DIR: '/srv/app' })).toContain(
      'KEYS_DIR (/srv/app/.keys) must not be inside DATA_DIR (/srv/app)',
    );
  });
});
