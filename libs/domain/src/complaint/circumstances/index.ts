export {
  activeAdjustments,
  activeVulnerabilities,
  type AdjustmentReviewRecord,
  type CircumstancesRecord,
  type ReasonableAdjustmentRecord,
  type VulnerabilityRecord,
} from './circumstances-record';
export { circumstancesRules, MAX_ACTIVE_ADJUSTMENTS, MAX_ACTIVE_VULNERABILITIES } from './circumstances-rules';
export { circumstancesFollowUpsOf, type CircumstancesFollowUp } from './follow-ups';
export { nextUpdateDueOf, withOutboundContact, type KeepingInformedRecord } from './keeping-informed';
export { presentationOf, type Presentation } from './presentation';
