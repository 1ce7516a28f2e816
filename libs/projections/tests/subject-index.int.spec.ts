import { randomBytes } from 'node:crypto';
import type { ComplaintEvent } from '@complaints/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import {
  blindIndexKey,
  blindTerm,
  findSubjectComplaints,
  normaliseEmail,
  normalisePhone,
  ProjectionEngine,
  SUBJECT_INDEX,
  subjectIndexProjection,
  type BlindIndexKey,
} from '../src';
import { describeOnBothBackends, type Backend } from '../testing';
import { event, record } from './support/complaint-history';
import { tableDump } from './support/table-dump';

const MARGARET = { name: 'Margaret Ellis', email: 'Margaret.Ellis@example.org', phone: '0161 496 0000' };

const receivedBy = (
  complaintId: string,
  when: string,
  complainant: { name: string; email?: string; phone?: string },
): ComplaintEvent => {
  const base = event.received(complaintId, when);
  return {
    type: 'ComplaintReceived',
    data: { ...(base.data as Extract<ComplaintEvent, { type: 'ComplaintReceived' }>['data']), complainant },
  };
};

describe('normalising what a person is found by', () => {
  it('matches an email whatever its case and surrounding spaces, nothing more', () => {
    expect(normaliseEmail('  Margaret.Ellis@Example.ORG ')).toBe('margaret.ellis@example.org');
    expect(normaliseEmail('margaretellis@example.org')).not.toBe(normaliseEmail('margaret.ellis@example.org'));
    expect(normaliseEmail('not an address')).toBeNull();
  });

  it('matches a UK phone number in its national and international forms, whatever the punctuation', () => {
    const forms = ['0161 496 0000', '+44 (0)161 496 0000', '+44 161-496-0000', '0044 161 4960000', '(0161) 4960000'];
    expect(new Set(forms.map(normalisePhone))).toEqual(new Set(['01614960000']));
    expect(normalisePhone('+33 1 23 45 67 89')).toBe('+33123456789');
    expect(normalisePhone('12 34')).toBeNull();
  });
});

describeOnBothBackends('subject-access blind index', (open) => {
  let backend: Backend;
  const engines: ProjectionEngine[] = [];
  const key = blindIndexKey(randomBytes(32));
  const engineFor = (indexKey: BlindIndexKey = key) => {
    const engine = new ProjectionEngine({
      sql: backend.sql,
      source: backend.source,
      projections: [subjectIndexProjection({ key: indexKey })],
      batchSize: 2,
      pollIntervalMs: 60_000,
    });
    engines.push(engine);
    return engine;
  };
  /** Margaret's three complaints (one by email only, one by phone only) and Bob's one. */
  const caseload = async () => {
    backend = await open();
    await record(backend.complaints, 'c-m1', [receivedBy('c-m1', '2026-03-02', MARGARET), event.closed('2026-04-01')]);
    await record(backend.complaints, 'c-bob', [
      receivedBy('c-bob', '2026-03-03', { name: 'Bob Tenant', email: 'bob@example.net', phone: '0161 496 0999' }),
    ]);
    await record(backend.complaints, 'c-m2', [
      receivedBy('c-m2', '2026-03-04', { name: 'M Ellis', email: 'MARGARET.ELLIS@example.ORG' }),
    ]);
    await record(backend.complaints, 'c-m3', [
      receivedBy('c-m3', '2026-03-05', { name: 'Mrs Ellis', phone: '+44 (0)161 496 0000' }),
    ]);
  };
  const dump = () =>
    tableDump(backend.sql, 'subject_index', 'subject_terms', 'complaint_id COLLATE "C", term COLLATE "C"');

  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
    await backend?.close();
  });

  it("finds one person's complaints by email or phone, in any form, and says which matched", async () => {
    await caseload();
    await engineFor().catchUp();

    expect(await findSubjectComplaints(backend.sql, key, { email: 'margaret.ellis@example.org' })).toEqual([
      { complaintId: 'c-m1', matchedOn: ['email'] },
      { complaintId: 'c-m2', matchedOn: ['email'] },
    ]);
    expect(await findSubjectComplaints(backend.sql, key, { phone: '0044 161 496 0000' })).toEqual([
      { complaintId: 'c-m1', matchedOn: ['phone'] },
      { complaintId: 'c-m3', matchedOn: ['phone'] },
    ]);
    expect(await findSubjectComplaints(backend.sql, key, { email: MARGARET.email, phone: MARGARET.phone })).toEqual([
      { complaintId: 'c-m1', matchedOn: ['email', 'phone'] },
      { complaintId: 'c-m2', matchedOn: ['email'] },
      { complaintId: 'c-m3', matchedOn: ['phone'] },
    ]);
    expect(await findSubjectComplaints(backend.sql, key, { email: 'nobody@example.org' })).toEqual([]);
  });

  it('holds no email or phone in clear, only keyed terms (the same scan finds the complaint ids, which are stored in clear)', async () => {
    await caseload();
    await engineFor().catchUp();
    const rows = (await dump()).join('\n').toLowerCase();
    // Positive controls: the scan sees the rows' clear columns and the keyed terms.
    expect(rows).toContain('c-m1');
    expect(rows).toContain(blindTerm(key, 'email', MARGARET.email));
    for (const marker of [
      'margaret.ellis@example.org',
      'bob@example.net',
      '01614960000',
      '0161 496 0000',
      '4960000',
      'margaret',
      'ellis',
    ]) {
      expect(rows).not.toContain(marker);
    }
  });

  it('finds nothing with another key: a copy of the database alone answers no question about a person', async () => {
    await caseload();
    await engineFor().catchUp();
    const otherKey = blindIndexKey(randomBytes(32));
    expect(
      await findSubjectComplaints(backend.sql, otherKey, { email: MARGARET.email, phone: MARGARET.phone }),
    ).toEqual([]);
    expect((await findSubjectComplaints(backend.sql, key, { email: MARGARET.email })).length).toBe(2);
  });

  it("drops an erased complaint's terms, in the batch of its receipt or later, and a rebuild under a new key agrees", async () => {
    await caseload();
    await engineFor().catchUp();
    await record(backend.complaints, 'c-m1', [event.erased('c-m1', '2032-05-01')]);
    // Received and erased between two catch-ups: the rows never outlive the erasure.
    await record(backend.complaints, 'c-m4', [
      receivedBy('c-m4', '2026-03-06', MARGARET),
      event.closed('2026-03-07'),
      event.erased('c-m4', '2032-05-02'),
    ]);
    await engines[0]!.catchUp();

    expect(await findSubjectComplaints(backend.sql, key, { email: MARGARET.email, phone: MARGARET.phone })).toEqual([
      { complaintId: 'c-m2', matchedOn: ['email'] },
      { complaintId: 'c-m3', matchedOn: ['phone'] },
    ]);
    const live = await dump();
    expect(live.some((row) => row.includes('c-m1') || row.includes('c-m4'))).toBe(false);
    expect(live.some((row) => row.includes('c-bob'))).toBe(true);

    // A new key is a new version of the index: rebuilt from the log (erased complainants read as erased).
    await engines[0]!.stop();
    const rotated = blindIndexKey(randomBytes(32));
    const rebuilt = await engineFor(rotated).rebuild(SUBJECT_INDEX);
    expect(rebuilt.outcome).toBe('swapped');
    expect(await findSubjectComplaints(backend.sql, rotated, { email: MARGARET.email, phone: MARGARET.phone })).toEqual(
      [
        { complaintId: 'c-m2', matchedOn: ['email'] },
        { complaintId: 'c-m3', matchedOn: ['phone'] },
      ],
    );
    expect(await findSubjectComplaints(backend.sql, key, { email: MARGARET.email })).toEqual([]);
    expect((await dump()).length).toBe(live.length);
  });
});
