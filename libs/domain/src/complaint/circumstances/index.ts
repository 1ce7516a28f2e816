export {
  activeAdjustments,
  activeVulnerabilities,
  type AdjustmentReviewRecord,
  type CircumstancesRecord,
  type ReasonableAdjustmentRecord,
  type VulnerabilityRecord,
} from './circumstances-record';
export { circumstancesRules, MAX_ACTIVE_ADJUSTMENTS, MAX_ACTIVE_VULNERABILITIES } from './circumstances-rules';
export { circumstancesFollowUpsOf } from './follow-ups';
export { nextUpdateDueOf, type KeepingInformedRecord } from './keeping-informed';
export { presentationOf, type Presentation } from './presentation';
