import type { DecisionOutcome } from '@complaints/contracts';
import type { StageRecord } from '@complaints/domain';

/**
 * A response's overall outcome from its decisions per head: upheld when every head was upheld,
 * not upheld when none was, partially upheld otherwise (the usual reading in landlords' annual
 * complaints reports; the Code asks for a decision per head, not an overall one).
 */
export function overallOutcome(stage: Pick<StageRecord, 'decisions'>): DecisionOutcome | null {
  const outcomes = stage.decisions.map((d) => d.outcome);
  if (outcomes.length === 0) return null;
  if (outcomes.every((o) => o === 'upheld')) return 'upheld';
  if (outcomes.every((o) => o === 'not_upheld')) return 'not_upheld';
  return 'partially_upheld';
}
