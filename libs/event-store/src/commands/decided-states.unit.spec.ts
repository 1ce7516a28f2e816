import { describe, expect, it } from 'vitest';
import { DecidedStates } from './decided-states';

const decider = {};
const entry = (dataSubjectId: string, revision = 1) => ({
  decider,
  state: { revision },
  revision,
  lastPosition: BigInt(revision),
  dataSubjectId,
});

describe('DecidedStates', () => {
  it('answers only for the decider that left the state', () => {
    const states = new DecidedStates();
    states.remember('complaint-1', entry('s-1'));
    expect(states.get('complaint-1', decider)).toMatchObject({ revision: 1 });
    expect(states.get('complaint-1', {})).toBeUndefined();
  });

  it('forgets a state older than its maximum age, whatever else happens', () => {
    let now = 0;
    const states = new DecidedStates(10, 60_000, () => now);
    states.remember('complaint-1', entry('s-1'));
    now = 59_999;
    expect(states.get('complaint-1', decider)).toBeDefined();
    now = 60_001;
    expect(states.get('complaint-1', decider)).toBeUndefined();
  });

  it('keeps the most recently used within its capacity', () => {
    const states = new DecidedStates(2);
    states.remember('a', entry('s-a'));
    states.remember('b', entry('s-b'));
    states.get('a', decider);
    states.remember('c', entry('s-c'));
    expect(
      [states.get('a', decider), states.get('b', decider), states.get('c', decider)].map((e) => e?.dataSubjectId),
    ).toEqual(['s-a', undefined, 's-c']);
  });

  it("an erasure takes that subject's states out; a missed-notifications signal (null) takes them all", () => {
    const states = new DecidedStates();
    states.remember('a', entry('s-1'));
    states.remember('b', entry('s-1'));
    states.remember('c', entry('s-2'));
    states.erased('s-1');
    expect(states.size).toBe(1);
    states.erased(null);
    expect(states.size).toBe(0);
  });
});
