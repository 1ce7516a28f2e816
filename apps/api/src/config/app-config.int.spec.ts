import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '@complaints/domain';
import { ConfigError, describeStore, loadConfig } from './app-config';
import { withEnvFile } from '@complaints/runtime';

const SECRET = 's'.repeat(40);

function problemOf(env: Record<string, string>): string {
  try {
    loadConfig(env, '/srv/app');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to port 3000, the embedded store in ./.data, and a generated development secret', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.port).toBe(3000);
    expect(config.store).toEqual({ kind: 'embedded', dataDir: '/srv/app/.data' });
    expect(config.auth).toEqual({ mode: 'hs256', secret: undefined, issuer: undefined, audience: undefined });
    expect(config.org.division).toBe('england-and-wales');
  });

  it('chooses PostgreSQL when DATABASE_URL is set, and EventStoreDB (read models in PostgreSQL) when EVENTSTORE_URL is too', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db/complaints' }).store).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@db/complaints',
    });
    expect(
      loadConfig({ EVENTSTORE_URL: 'esdb://es:2113?tls=false', DATABASE_URL: 'postgresql://db/rm' }).store,
    ).toEqual({
      kind: 'eventstoredb',
      url: 'esdb://es:2113?tls=false',
      readModels: { kind: 'postgres', url: 'postgresql://db/rm' },
    });
    expect(loadConfig({ EVENTSTORE_URL: 'kurrentdb://es:2113', DATA_DIR: 'var' }, '/srv/app').store).toEqual({
      kind: 'eventstoredb',
      url: 'kurrentdb://es:2113',
      readModels: { kind: 'embedded', dataDir: '/srv/app/var' },
    });
  });

  it('keeps the embedded store durable unless EMBEDDED_DURABILITY=off, which the start-up line then says', () => {
    expect(loadConfig({}, '/srv/app').store).not.toHaveProperty('durability'); // the adapter's default: fsync
    const off = loadConfig({ EMBEDDED_DURABILITY: 'off' }, '/srv/app').store;
    expect(off).toEqual({ kind: 'embedded', dataDir: '/srv/app/.data', durability: 'off' });
    expect(describeStore(off)).toContain('DURABILITY OFF');
    expect(describeStore(loadConfig({ EMBEDDED_DURABILITY: 'fsync' }, '/srv/app').store)).not.toContain('DURABILITY');
    expect(
      loadConfig({ EVENTSTORE_URL: 'esdb://es:2113', EMBEDDED_DURABILITY: 'off' }, '/srv/app').store,
    ).toMatchObject({
      readModels: { kind: 'embedded', durability: 'off' },
    });
    expect(problemOf({ EMBEDDED_DURABILITY: 'sometimes' })).toContain('EMBEDDED_DURABILITY must be one of fsync, off');
  });

  it('issues transparency checkpoints every CHECKPOINT_INTERVAL (default 5m, 10s to 1h), naming the variable when it is wrong', () => {
    expect(loadConfig({}, '/srv/app').checkpointIntervalMs).toBe(300_000);
    expect(loadConfig({ CHECKPOINT_INTERVAL: '30s' }, '/srv/app').checkpointIntervalMs).toBe(30_000);
    expect(problemOf({ CHECKPOINT_INTERVAL: '2h' })).toContain('CHECKPOINT_INTERVAL must be a duration from 10s to 1h');
  });

  it('keeps keys in KEYS_DIR (default .keys beside .data), refusing a directory inside DATA_DIR', () => {
    expect(loadConfig({}, '/srv/app').keysDir).toBe('/srv/app/.keys');
    expect(loadConfig({ KEYS_DIR: '/run/secrets/complaints-keys' }, '/srv/app').keysDir).toBe(
      '/run/secrets/complaints-keys',
    );
    // A sibling whose name starts like DATA_DIR is outside it.
    expect(loadConfig({ DATA_DIR: '/srv/data', KEYS_DIR: '/srv/data-keys' }, '/srv/app').keysDir).toBe(
      '/srv/data-keys',
    );
    expect(problemOf({ KEYS_DIR: '.data/keys' })).toContain(
      'KEYS_DIR (/srv/app/.data/keys) must not be inside DATA_DIR (/srv/app/.data)',
    );
    expect(problemOf({ DATA_DIR: '/var/lib/c', KEYS_DIR: '/var/lib/c' })).toContain('must not be inside DATA_DIR');
    // Reported with the other problems, in one attempt.
    expect(problemOf({ KEYS_DIR: '.data/k', PORT: 'x' })).toMatch(
      /PORT must be.*KEYS_DIR .* must not be inside DATA_DIR/,
    );
  });

  it('refuses a KEYS_DIR that is outside DATA_DIR only by its name: a symlink into DATA_DIR', () => {
    const root = mkdtempSync(join(tmpdir(), 'complaints-keys-link-'));
    try {
      mkdirSync(join(root, 'data', 'real-keys'), { recursive: true });
      symlinkSync(join(root, 'data', 'real-keys'), join(root, 'keys-link'));
      expect(problemOf({ DATA_DIR: join(root, 'data'), KEYS_DIR: join(root, 'keys-link') })).toContain(
        'must not be inside DATA_DIR',
      );
      // A KEYS_DIR not made yet below the link is inside it too.
      expect(problemOf({ DATA_DIR: join(root, 'data'), KEYS_DIR: join(root, 'keys-link', 'new') })).toContain(
        'must not be inside DATA_DIR',
      );
      // The control: a real directory beside DATA_DIR is accepted.
      mkdirSync(join(root, 'keys'));
      expect(loadConfig({ DATA_DIR: join(root, 'data'), KEYS_DIR: join(root, 'keys') }, root).keysDir).toBe(
        join(root, 'keys'),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('rotates the key-encryption key immediately after an erasure unless KEK_ROTATION_AFTER_ERASURE gives a delay', () => {
    expect(loadConfig({}, '/srv/app').kekRotationAfterErasure).toEqual({ mode: 'immediate' });
    expect(loadConfig({ KEK_ROTATION_AFTER_ERASURE: '10m' }, '/srv/app').kekRotationAfterErasure).toEqual({
      mode: 'delayed',
      delayMs: 600_000,
    });
    expect(loadConfig({ KEK_ROTATION_AFTER_ERASURE: '1h' }, '/srv/app').kekRotationAfterErasure).toEqual({
      mode: 'delayed',
      delayMs: 3_600_000,
    });
    for (const bad of ['never', '25h', '0s', '10 minutes']) {
      expect(problemOf({ KEK_ROTATION_AFTER_ERASURE: bad })).toContain(
        'KEK_ROTATION_AFTER_ERASURE must be immediate or a delay from 1s to 24h',
      );
    }
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).store.kind).toBe('embedded');
  });

  it('reads the organisation: homes (total from the tenures when not given), division, closure days', () => {
    const config = loadConfig({
      ORG_HOMES_LCRA: '9000',
      ORG_HOMES_LCHO: '1000',
      ORG_DIVISION: 'scotland',
      ORG_CLOSURE_DAYS: '2026-12-29, 2026-12-30',
    });
    expect(config.org.homes).toEqual({ total: 10000, lcra: 9000, lcho: 1000 });
    expect(config.org.division).toBe('scotland');
    expect(config.org.closureDays).toEqual(['2026-12-29', '2026-12-30']);
    expect(loadConfig({ ORG_HOMES: '12500', ORG_HOMES_LCRA: '9000' }).org.homes).toEqual({ total: 12500, lcra: 9000 });
  });

  it('requires issuer and audience with JWKS, and refuses both auth modes at once', () => {
    expect(
      loadConfig({ AUTH_JWKS_URL: 'https://idp/jwks', AUTH_ISSUER: 'https://idp', AUTH_AUDIENCE: 'complaints' }).auth,
    ).toEqual({
      mode: 'jwks',
      jwksUrl: 'https://idp/jwks',
      issuer: 'https://idp',
      audience: 'complaints',
    });
    expect(problemOf({ AUTH_JWKS_URL: 'https://idp/jwks' })).toContain('AUTH_ISSUER and AUTH_AUDIENCE are required');
    expect(
      problemOf({ AUTH_JWKS_URL: 'https://idp/jwks', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a', AUTH_JWT_SECRET: SECRET }),
    ).toContain('not both');
  });

  it('collects every problem into ONE line that names the variables and never echoes a secret', () => {
    const message = problemOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      AUTH_JWT_SECRET: 'short-secret',
      ORG_DIVISION: 'wales',
      ORG_HOMES: '-3',
    });
    expect(message.split('\n')).toHaveLength(1);
    for (const name of ['PORT', 'DATABASE_URL', 'AUTH_JWT_SECRET', 'ORG_DIVISION', 'ORG_HOMES'])
      expect(message).toContain(name);
    expect(message).not.toContain('short-secret');
  });

  it('merges a newer copy of the GOV.UK feed from ORG_BANK_HOLIDAYS_FILE: Scotland gains Mon 15 June 2026', () => {
    const dir = mkdtempSync(join(tmpdir(), 'holidays-'));
    // A newer copy of the feed: the same shape, all three divisions, one day more for Scotland.
    const feed = {
      'england-and-wales': { division: 'england-and-wales', events: [] },
      scotland: {
        division: 'scotland',
        events: [{ title: 'Bank holiday', date: '2026-06-15', notes: '', bunting: true }],
      },
      'northern-ireland': { division: 'northern-ireland', events: [] },
    };
    writeFileSync(join(dir, 'bank-holidays.json'), JSON.stringify(feed));
    const shipped = loadConfig({ ORG_DIVISION: 'scotland' }, dir);
    const refreshed = loadConfig({ ORG_DIVISION: 'scotland', ORG_BANK_HOLIDAYS_FILE: 'bank-holidays.json' }, dir);
    const calendarOf = (config: typeof shipped) =>
      createWorkingDayCalendar({ division: config.org.division, feed: config.org.bankHolidays });
    expect(calendarOf(shipped).isWorkingDay('2026-06-15')).toBe(true);
    expect(calendarOf(refreshed).isWorkingDay('2026-06-15')).toBe(false);
    // The rest of the shipped snapshot is still there: St Andrew's Day 2026 is Monday 30 November.
    expect(calendarOf(refreshed).isWorkingDay('2026-11-30')).toBe(false);
  });

  it('refuses an unreadable or malformed ORG_BANK_HOLIDAYS_FILE with one line naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'holidays-'));
    writeFileSync(
      join(dir, 'broken.json'),
      JSON.stringify({ scotland: { division: 'scotland', events: [{ date: '15/06/2026' }] } }),
    );
    expect(problemOf({ ORG_BANK_HOLIDAYS_FILE: join(dir, 'missing.json') })).toMatch(/ORG_BANK_HOLIDAYS_FILE/);
    const malformed = problemOf({ ORG_BANK_HOLIDAYS_FILE: join(dir, 'broken.json') });
    expect(malformed).toMatch(/ORG_BANK_HOLIDAYS_FILE/);
    expect(malformed).toMatch(/scotland\.events\.0\.date/);
    expect(malformed.split('\n')).toHaveLength(1);
  });

  it('masks passwords when describing the store', () => {
    expect(describeStore({ kind: 'postgres', url: 'postgres://app:hunter2@db:5432/c' })).toBe(
      'PostgreSQL at postgres://app:***@db:5432/c',
    );
  });
});

describe('withEnvFile', () => {
  it('fills unset variables from .env, and the real environment wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-env-'));
    const path = join(dir, '.env');
    writeFileSync(path, '# comment\nPORT=4000\nORG_HOMES="12500"\nDATA_DIR=/from/file\n');
    expect(withEnvFile({ DATA_DIR: '/from/env' }, path)).toMatchObject({
      PORT: '4000',
      ORG_HOMES: '12500',
      DATA_DIR: '/from/env',
    });
    expect(withEnvFile({ PORT: '1' }, join(dir, 'missing.env'))).toEqual({ PORT: '1' });
  });
});

describe('loadConfig reports combinations together with field problems', () => {
  it('names both a bad PORT and a JWKS URL without issuer and audience', () => {
    const message = problemOf({ PORT: 'abc', AUTH_JWKS_URL: 'https://idp/jwks' });
    expect(message).toContain('PORT');
    expect(message).toContain('AUTH_ISSUER and AUTH_AUDIENCE are required');
  });
});

describe('report and resident settings', () => {
  it('ATTENTION_INACTIVITY_WORKING_DAYS defaults to 20 and takes 1 to 250; RESIDENT_ACCESS_SECRET is optional and at least 32 bytes', () => {
    expect(loadConfig({}).reports.attentionInactivityWorkingDays).toBe(20);
    expect(loadConfig({ ATTENTION_INACTIVITY_WORKING_DAYS: '10' }).reports.attentionInactivityWorkingDays).toBe(10);
    expect(problemOf({ ATTENTION_INACTIVITY_WORKING_DAYS: '0' })).toContain('ATTENTION_INACTIVITY_WORKING_DAYS');
    expect(problemOf({ ATTENTION_INACTIVITY_WORKING_DAYS: 'ten' })).toContain('ATTENTION_INACTIVITY_WORKING_DAYS');
    expect(loadConfig({}).resident.accessSecret).toBeUndefined();
    expect(loadConfig({ RESIDENT_ACCESS_SECRET: SECRET }).resident.accessSecret).toBe(SECRET);
    const tooShort = problemOf({ RESIDENT_ACCESS_SECRET: 'short' });
    expect(tooShort).toContain('RESIDENT_ACCESS_SECRET');
    expect(tooShort).not.toContain('short');
  });

  it('RETENTION_YEARS_AFTER_END defaults to 6 and takes a whole number of years from 1 to 100', () => {
    expect(loadConfig({}).retention.yearsAfterEnd).toBe(6);
    expect(loadConfig({ RETENTION_YEARS_AFTER_END: '7' }).retention.yearsAfterEnd).toBe(7);
    for (const bad of ['0', '101', 'six', '6.5'])
      expect(problemOf({ RETENTION_YEARS_AFTER_END: bad })).toContain('RETENTION_YEARS_AFTER_END');
  });

  it('keeps KEYS_DIR beside DATA_DIR by default, and refuses it inside DATA_DIR', () => {
    expect(loadConfig({}, '/srv/app').keysDir).toBe('/srv/app/.keys');
    expect(problemOf({ DATA_DIR: '/srv/data', KEYS_DIR: '/srv/data/keys' })).toContain('KEYS_DIR');
  });
});

describe('background work and Kafka settings', () => {
  it("ORG_COMPLAINT_CATEGORIES: a default list of housing categories, or the organisation's own, each plain text and none twice", () => {
    expect(loadConfig({}).org.complaintCategories).toEqual(
      expect.arrayContaining(['repairs', 'damp and mould', 'anti-social behaviour']),
    );
    expect(loadConfig({ ORG_COMPLAINT_CATEGORIES: ' Repairs , Damp and mould,ASB ' }).org.complaintCategories).toEqual([
      'Repairs',
      'Damp and mould',
      'ASB',
    ]);
    expect(problemOf({ ORG_COMPLAINT_CATEGORIES: 'Repairs,,Damp' })).toContain(
      'ORG_COMPLAINT_CATEGORIES must be a comma-separated list',
    );
    expect(problemOf({ ORG_COMPLAINT_CATEGORIES: 'Damp and mould, damp-and-MOULD' })).toContain(
      'names "damp-and-MOULD" twice',
    );
    expect(problemOf({ ORG_COMPLAINT_CATEGORIES: 'Repairs,Da\u0007mp' })).toContain(
      'must not contain control characters',
    );
  });

  it('runs projections and the relay in-process by default; external leaves them to workers on PostgreSQL', () => {
    expect(loadConfig({}).backgroundWork).toBe('in-process');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/c', BACKGROUND_WORK: 'external' }).backgroundWork).toBe(
      'external',
    );
    expect(
      loadConfig({ EVENTSTORE_URL: 'esdb://es:2113', DATABASE_URL: 'postgres://db/c', BACKGROUND_WORK: 'external' })
        .backgroundWork,
    ).toBe('external');
  });

  it('refuses BACKGROUND_WORK=external on the embedded store (PGlite is single-process) in one line, and an unknown mode', () => {
    const embedded = problemOf({ BACKGROUND_WORK: 'external' });
    expect(embedded).toMatch(/^Invalid configuration: BACKGROUND_WORK=external needs DATABASE_URL \(PostgreSQL\)/);
    expect(embedded).not.toContain('\n');
    expect(problemOf({ EVENTSTORE_URL: 'esdb://es:2113', BACKGROUND_WORK: 'external' })).toContain(
      'BACKGROUND_WORK=external needs DATABASE_URL',
    );
    expect(problemOf({ BACKGROUND_WORK: 'elsewhere' })).toContain(
      'BACKGROUND_WORK must be one of in-process, external',
    );
  });

  it('publishes to KAFKA_TOPIC (default complaints.events.v1) on KAFKA_BROKERS, and checks the topic name', () => {
    expect(loadConfig({}).kafka).toBeUndefined();
    expect(loadConfig({ KAFKA_BROKERS: 'k1:9092, k2:9092' }).kafka).toEqual({
      brokers: ['k1:9092', 'k2:9092'],
      topic: 'complaints.events.v1',
    });
    expect(loadConfig({ KAFKA_BROKERS: 'k1:9092', KAFKA_TOPIC: 'landlord.complaints' }).kafka?.topic).toBe(
      'landlord.complaints',
    );
    expect(problemOf({ KAFKA_BROKERS: 'k1:9092', KAFKA_TOPIC: 'no spaces' })).toContain('KAFKA_TOPIC must be');
  });
});

describe('token lifetime', () => {
  it('AUTH_MAX_TOKEN_LIFETIME defaults to 24h and takes a duration from 1m to 30d', () => {
    expect(loadConfig({}).tokens.maxLifetimeSeconds).toBe(86_400);
    expect(loadConfig({ AUTH_MAX_TOKEN_LIFETIME: '8h' }).tokens.maxLifetimeSeconds).toBe(8 * 3600);
    expect(loadConfig({ AUTH_MAX_TOKEN_LIFETIME: '900' }).tokens.maxLifetimeSeconds).toBe(900);
    for (const bad of ['forever', '30s', '31d', '-1h'])
      expect(problemOf({ AUTH_MAX_TOKEN_LIFETIME: bad })).toContain('AUTH_MAX_TOKEN_LIFETIME');
  });
});

describe('trusted proxies', () => {
  it('TRUST_PROXY: nobody by default; a hop count, or addresses, CIDRs and the loopback/linklocal/uniquelocal names; anything else is refused', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8, 192.168.1.7' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
      '192.168.1.7',
    ]);
    for (const bad of ['true', 'everyone', '10.0.0.0/33', '10.0.0/8', 'fd00::/129', '1.2.3.4/8/8'])
      expect(problemOf({ TRUST_PROXY: bad }), bad).toContain('TRUST_PROXY');
  });
});
