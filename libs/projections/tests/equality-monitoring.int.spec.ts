import type { ComplaintEvent, EqualityAnswers } from '@complaints/contracts';
import { afterEach, expect, it } from 'vitest';
import { equalityMonitoringProjection, ProjectionEngine, queryEqualityAnswers, withActiveTables } from '../src';
import { describeOnBothBackends, type Backend } from '../testing';
import { event, record } from './support/complaint-history';

const answered = (when: string, answers: EqualityAnswers): ComplaintEvent => ({
  type: 'EqualityMonitoringRecorded',
  data: { occurredAt: `${when}T10:00:00Z`, answers },
});
const YEAR_2025 = { from: '2025-04-01', to: '2026-03-31' };

describeOnBothBackends('equality monitoring read model', (open) => {
  let backend: Backend;
  const engines: ProjectionEngine[] = [];
  const catchUp = async (batchSize = 500) => {
    const engine = new ProjectionEngine({
      sql: backend.sql,
      source: backend.source,
      projections: [equalityMonitoringProjection({ seal: backend.seal })],
      batchSize,
      pollIntervalMs: 60_000,
    });
    engines.push(engine);
    await engine.catchUp();
  };

  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop();
    await backend?.close();
  });

  it('keeps the latest answers of each complaint received in the year, sealed: never an answer in clear', async () => {
    backend = await open();
    await record(backend.complaints, 'c-a', [
      event.received('c-a', '2025-05-01'),
      answered('2025-05-02', { sex: 'female' }),
      answered('2025-05-03', { sex: 'male', religion: 'sikh' }),
    ]);
    await record(backend.complaints, 'c-b', [
      event.received('c-b', '2026-03-31'),
      answered('2026-04-02', { disability: 'yes' }),
    ]);
    await record(backend.complaints, 'c-early', [
      event.received('c-early', '2025-03-31'),
      answered('2025-04-02', { sex: 'female' }),
    ]);
    await record(backend.complaints, 'c-none', [event.received('c-none', '2025-06-01')]);
    await catchUp(2);

    const answers = await queryEqualityAnswers(backend.sql, backend.seal, YEAR_2025);
    expect(answers).toEqual(expect.arrayContaining([{ sex: 'male', religion: 'sikh' }, { disability: 'yes' }]));
    expect(answers).toHaveLength(2);
    const stored = await withActiveTables(backend.sql, 'equality_monitoring', (tables) =>
      backend.sql.query<{ row: string }>(
        `SELECT to_jsonb(t)::text AS row FROM ${tables.table('equality_monitoring')} AS t`,
      ),
    );
    expect(stored).toHaveLength(4);
    for (const { row } of stored) for (const word of ['sikh', 'male', 'disability']) expect(row).not.toContain(word);
  });

  it('drops an erased complaint from the answers, at its erasure and once its key is destroyed', async () => {
    backend = await open();
    await record(backend.complaints, 'c-kept', [
      event.received('c-kept', '2025-05-01'),
      answered('2025-05-02', { sex: 'female' }),
    ]);
    await record(backend.complaints, 'c-gone', [
      event.received('c-gone', '2025-05-01'),
      answered('2025-05-02', { sex: 'male' }),
      event.withdrawn('2025-05-03'),
      event.erased('c-gone', '2025-05-04'),
    ]);
    await backend.complaints.erase('ds-c-gone', new Date('2025-05-04T10:00:00Z'));
    await catchUp();
    expect(await queryEqualityAnswers(backend.sql, backend.seal, YEAR_2025)).toEqual([{ sex: 'female' }]);
  });
});
