import { describe, expect, it } from 'vitest';
import { ERASED, mapPersonalFields, stripPersonalFields } from './personal-data';
import { allEventVersions, currentEvents } from './registry';

describe('personal-data paths', () => {
  const response = {
    stage: 1,
    decisions: [
      { head: 'Damp in bedroom', outcome: 'upheld', reasons: 'Mrs X has asthma' },
      { head: 'Missed visit', outcome: 'not_upheld', reasons: 'Visit was attended' },
    ],
    remedies: {
      apology: true,
      actions: [{ actionId: 'S1-A1', description: 'Treat mould at 4 Elm Rd', dueBy: '2026-02-01' }],
      compensation: [],
    },
  };

  it('reaches nested fields and every element of arrays, leaving the facts around them', () => {
    const stripped = stripPersonalFields(response, currentEvents.StageResponseIssued.personal) as typeof response;
    expect(stripped.decisions.map((d) => [d.head, d.outcome, d.reasons])).toEqual([
      [ERASED, 'upheld', ERASED],
      [ERASED, 'not_upheld', ERASED],
    ]);
    expect(stripped.remedies.actions[0]).toEqual({ actionId: 'S1-A1', description: ERASED, dueBy: '2026-02-01' });
    expect(response.decisions[0]!.head).toBe('Damp in bedroom');
  });

  it('skips optional personal fields that are absent rather than inventing them', () => {
    const out = mapPersonalFields({ stage: 1 }, ['reason', 'a[].b'], () => 'x');
    expect(out).toEqual({ stage: 1 });
  });

  it('marks the complainant, the description and free-text narratives as personal', () => {
    expect(currentEvents.ComplaintReceived.personal).toEqual(
      expect.arrayContaining(['complainant', 'representative', 'description', 'outcomeSought']),
    );
    expect(currentEvents.ContactLogged.personal).toContain('summary');
    expect(currentEvents.ComplaintEscalated.personal).toContain('reason');
  });

  it('names only paths that exist in each schema', () => {
    for (const def of allEventVersions) {
      const shape = (def.schema as unknown as { shape: Record<string, unknown> }).shape;
      for (const path of [...def.personal, ...(def.personalInClear ?? [])]) {
        const top = path.split('.')[0]!.replace('[]', '');
        expect(Object.keys(shape), `${def.type} v${def.schemaVersion}: ${path}`).toContain(top);
      }
    }
  });
});
