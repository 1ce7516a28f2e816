/**
 * The rules of issue 15's casework (docs/domain.md: "Stage 2 panel participation", "Related
 * issues", "Representative authority"), spread into `complaintRules` so that they are
 * documented, refused and tested like every other rule.
 */
export const caseworkRules = {
  panelNeedsStageTwo: {
    id: 'panel-needs-stage-2',
    message: 'A panel member takes part in the stage 2 review only: the complaint must have been escalated to stage 2.',
  },
  panelAfterStageTwoResponse: {
    id: 'panel-after-stage-2-response',
    message:
      'Panel participation is recorded before the stage 2 response: once the response is issued, the review is over.',
  },
  panelAlreadyRequested: {
    id: 'panel-already-requested',
    message: 'A panel member has already been requested for this stage 2 review: the request is recorded once.',
  },
  panelNotRequested: {
    id: 'panel-not-requested',
    message: 'No panel member has been requested for this stage 2 review: record the request first.',
  },
  panelMeetingAlreadyHeld: {
    id: 'panel-meeting-already-held',
    message:
      'The meeting with the panel member has already been recorded: it is recorded once, and a request met cannot be declined.',
  },
  panelAlreadyDeclined: {
    id: 'panel-already-declined',
    message:
      'The request for a panel member has already been declined: it cannot be declined again, nor a meeting recorded for it.',
  },
  panelMeetingBeforeRequest: {
    id: 'panel-meeting-before-request',
    message:
      'The meeting with the panel member cannot be dated before it was requested, nor after the day it is recorded.',
  },
  headsAddedAfterResponse: {
    id: 'heads-added-after-response',
    message:
      "Heads of complaint can be added to a stage's definition only before its response (Code 6.8): once it is issued, log an issue raised later as a new complaint.",
  },
  linkToItself: {
    id: 'complaint-link-to-itself',
    message: 'A complaint cannot be linked to itself: a new complaint for an unrelated issue has its own id.',
  },
  linkAlreadyRecorded: {
    id: 'complaint-link-already-recorded',
    message: 'These two complaints are already linked.',
  },
  authorityExpiresBeforeConfirmed: {
    id: 'authority-expires-before-confirmed',
    message: "The representative's authority cannot expire before the day it was confirmed.",
  },
  representativeAuthorityNotInPlace: {
    id: 'representative-authority-not-in-place',
    message:
      'The representative has no authority to act for the resident current at that time: it was never recorded, has expired or was withdrawn.',
  },
  contactWithRepresentativeNeedsAuthority: {
    id: 'contact-with-representative-needs-authority',
    message:
      "The landlord can contact the resident's representative about the complaint only with their authority to act for the resident, current at the time: record how it was given (written consent, power of attorney…) first.",
  },
} as const satisfies Record<string, { readonly id: string; readonly message: string }>;
