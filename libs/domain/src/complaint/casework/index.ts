export { caseworkRules } from './casework-rules';
export {
  caseworkOnReceipt,
  evolveCasework,
  type CaseworkRecord,
  type PanelRecord,
  type PanelMeetingRecord,
  type PanelDeclinedRecord,
  type ComplaintLinkRecord,
  type AuthorityGrant,
  type RepresentativeRecord,
} from './casework-record';
export { stageTwoPanelOf, type StageTwoPanel } from './stage-two-panel';
export {
  representativeAuthorityOf,
  checkRepresentativeAuthority,
  type CurrentAuthority,
} from './representative-authority';
