import type { Decision } from '@complaints/contracts';
import type { RuleViolation } from '../../decider';
import { complaintRules, violation } from '../rules';

/**
 * Heads are typed twice (at acknowledgement, then in the response), often by different
 * people: spacing and capitals do not make a different head.
 */
export function sameHead(head: string): string {
  return head.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Positions, not the heads' text: heads are personal data and violation messages are not encrypted. */
function positions(indexes: readonly number[]): string {
  return indexes.map((i) => i + 1).join(', ');
}

/**
 * A stage response decides every head of complaint defined at acknowledgement, once, with
 * reasons, and nothing else. With no heads defined it must still decide something.
 */
export function checkDecisionsCoverHeads(
  heads: readonly string[],
  decisions: readonly Decision[],
): RuleViolation | null {
  if (decisions.length === 0) return violation(complaintRules.decisionRequired);

  const withoutReasons = decisions.flatMap((d, i) => (d.reasons.trim() ? [] : [i]));
  if (withoutReasons.length > 0) {
    return violation(complaintRules.decisionNeedsReasons, `Decision(s) ${positions(withoutReasons)} give no reasons.`);
  }

  const decided = decisions.map((d) => sameHead(d.head));
  const duplicates = decided.flatMap((head, i) => (decided.indexOf(head) < i ? [i] : []));
  if (duplicates.length > 0) {
    return violation(complaintRules.duplicateDecision, `Decision(s) ${positions(duplicates)} repeat an earlier head.`);
  }

  if (heads.length === 0) return null;
  const defined = new Set(heads.map(sameHead));
  const unknown = decided.flatMap((head, i) => (defined.has(head) ? [] : [i]));
  if (unknown.length > 0) {
    return violation(
      complaintRules.decisionForUnknownHead,
      `Decision(s) ${positions(unknown)} match no head of complaint.`,
    );
  }
  const undecided = heads.flatMap((head, i) => (decided.includes(sameHead(head)) ? [] : [i]));
  if (undecided.length > 0) {
    return violation(
      complaintRules.headOfComplaintUndecided,
      `Head(s) ${positions(undecided)} of ${heads.length} have no decision.`,
    );
  }
  return null;
}
