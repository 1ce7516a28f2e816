import type { ComplaintEvent } from '@complaints/contracts';
import { complaintDecider, fold, isReceived, retentionStatusOf } from '@complaints/domain';
import { afterEach, expect, it } from 'vitest';
import { ProjectionEngine, queryRetentionDue, RETENTION, retentionProjection } from '../src';
import { describeOnBothBackends, type Backend } from '../testing';
import { event, record } from './support/complaint-history';
import { tableDump } from './support/table-dump';

const hold = (holdId: string, when: string): ComplaintEvent => ({
  type: 'LegalHoldPlaced',
  data: { occurredAt: `${when}T10:00:00Z`, holdId, category: 'litigation', placedBy: 'u-admin' },
});
const lift = (holdId: string, when: string): ComplaintEvent => ({
  type: 'LegalHoldLifted',
  data: { occurredAt: `${when}T10:00:00Z`, holdId, liftedBy: 'u-admin' },
});
const referred = (when: string): ComplaintEvent => ({
  type: 'OmbudsmanReferralRecorded',
  data: { occurredAt: `${when}T10:00:00Z`, ombudsmanReference: '202600001' },
});
const determined = (when: string): ComplaintEvent => ({
  type: 'OmbudsmanDeterminationRecorded',
  data: {
    occurredAt: `${when}T10:00:00Z`,
    ombudsmanReference: '202600001',
    findings: [{ element: 'Repairs', finding: 'no_maladministration' }],
    orders: [],
  },
});

describeOnBothBackends('retention read model', (open) => {
  let backend: Backend;
  const engines: ProjectionEngine[] = [];
  const engine = () => {
    const e = new ProjectionEngine({
      sql: backend.sql,
      source: backend.source,
      projections: [retentionProjection()],
      batchSize: 3,
      pollIntervalMs: 60_000,
    });
    engines.push(e);
    return e;
  };
  /**
   * - c-closed: closed 1 Apr 2026 → due 1 Apr 2032.   c-gone: withdrawn 6 Mar 2026 → due 6 Mar 2032.
   * - c-held: closed 2 Mar, legal hold LH1 placed (LH2 placed and lifted).   c-ombud: closed 3 Mar, Ombudsman case open.
   * - c-late: closed 4 Mar 2026, Ombudsman determination 10 Jun 2027 → due 10 Jun 2033.
   * - c-open: open.   c-erased: closed and erased.
   */
  const caseload = async () => {
    backend = await open();
    await record(backend.complaints, 'c-closed', [
      event.received('c-closed', '2026-03-02'),
      event.closed('2026-04-01'),
    ]);
    await record(backend.complaints, 'c-gone', [event.received('c-gone', '2026-03-02'), event.withdrawn('2026-03-06')]);
    await record(backend.complaints, 'c-held', [
      event.received('c-held', '2026-03-01'),
      event.closed('2026-03-02'),
      hold('LH1', '2027-01-01'),
      hold('LH2', '2027-01-02'),
      lift('LH2', '2027-02-01'),
    ]);
    await record(backend.complaints, 'c-ombud', [
      event.received('c-ombud', '2026-03-01'),
      event.closed('2026-03-03'),
      referred('2026-06-01'),
    ]);
    await record(backend.complaints, 'c-late', [
      event.received('c-late', '2026-03-01'),
      event.closed('2026-03-04'),
      referred('2026-06-01'),
      determined('2027-06-10'),
    ]);
    await record(backend.complaints, 'c-open', [event.received('c-open', '2026-03-01')]);
    await record(backend.complaints, 'c-erased', [
      event.received('c-erased', '2026-03-01'),
      event.closed('2026-03-02'),
      event.erased('c-erased', '2026-05-01'),
    ]);
  };

  afterEach(async () => {
    for (const e of engines.splice(0)) await e.stop();
    await backend?.close();
  });

  it('lists the complaints due on a date, oldest first, the held ones with what holds them; never an open or erased one', async () => {
    await caseload();
    await engine().catchUp();

    const due = await queryRetentionDue(backend.sql, { asOf: '2032-04-01', years: 6 });
    expect(due.map((c) => [c.complaintId, c.status, c.retentionFrom, c.dueOn])).toEqual([
      ['c-held', 'held', '2026-03-02', '2032-03-02'],
      ['c-ombud', 'held', '2026-03-03', '2032-03-03'],
      ['c-gone', 'due', '2026-03-06', '2032-03-06'],
      ['c-closed', 'due', '2026-04-01', '2032-04-01'],
    ]);
    expect(due.find((c) => c.complaintId === 'c-held')?.holds).toEqual([
      {
        kind: 'legal_hold',
        holdId: 'LH1',
        category: 'litigation',
        placedAt: '2027-01-01T10:00:00Z',
        placedBy: 'u-admin',
      },
    ]);
    expect(due.find((c) => c.complaintId === 'c-ombud')?.holds).toEqual([
      { kind: 'ombudsman_case', ombudsmanReference: '202600001', outstandingOrders: [] },
    ]);
    expect(due.find((c) => c.complaintId === 'c-closed')).toMatchObject({ reference: 'CMP-c-closed', holds: [] });

    // The day before c-closed falls due; and after the Ombudsman case of c-late closed, six years on.
    expect(
      (await queryRetentionDue(backend.sql, { asOf: '2032-03-31', years: 6 })).map((c) => c.complaintId),
    ).not.toContain('c-closed');
    expect(
      (await queryRetentionDue(backend.sql, { asOf: '2033-06-09', years: 6 })).map((c) => c.complaintId),
    ).not.toContain('c-late');
    expect(
      (await queryRetentionDue(backend.sql, { asOf: '2033-06-10', years: 6 })).map((c) => c.complaintId),
    ).toContain('c-late');
    // The schedule is applied when asked: three years lists them three years earlier.
    expect((await queryRetentionDue(backend.sql, { asOf: '2029-04-01', years: 3 })).map((c) => c.complaintId)).toEqual([
      'c-held',
      'c-ombud',
      'c-gone',
      'c-closed',
    ]);
  });

  it("agrees with each complaint's own fold, the rule the approval applies", async () => {
    await caseload();
    await engine().catchUp();
    const listed = await queryRetentionDue(backend.sql, { asOf: '2040-01-01', years: 6 });
    for (const id of ['c-closed', 'c-gone', 'c-held', 'c-ombud', 'c-late', 'c-open', 'c-erased']) {
      const state = fold(
        complaintDecider,
        (await backend.complaints.load(id)).envelopes.map((e) => e.event),
      );
      if (!isReceived(state)) throw new Error(`${id} was received`);
      const status = retentionStatusOf(state.retention, '2040-01-01', 6);
      const row = listed.find((c) => c.complaintId === id);
      if (status.status === 'due' || status.status === 'held') {
        expect(row).toEqual({
          complaintId: id,
          reference: state.reference,
          status: status.status,
          retentionFrom: status.retentionFrom,
          dueOn: status.dueOn,
          holds: status.holds,
        });
      } else {
        expect(row).toBeUndefined();
      }
    }
  });

  it('keeps nothing personal: the same scan finds the references, which are stored in clear', async () => {
    await caseload();
    await engine().catchUp();
    const rows = (await tableDump(backend.sql, RETENTION, 'retention_cases', 'complaint_id COLLATE "C"')).join('\n');
    expect(rows).toContain('CMP-c-held');
    for (const marker of ['Margaret Ellis', 'margaret.ellis@example.org', 'Weaste Lane', 'Black mould'])
      expect(rows).not.toContain(marker);
  });
});
