import { MAX_RESTRICTION_REVIEW_MONTHS } from './restriction-status';

/** The rules of restrictions and enquiries (docs/domain.md, "Restrictions" and "Enquiries"); part of complaintRules. */
export const restrictionRules = {
  restrictionNeedsManager: {
    id: 'restriction-needs-manager',
    message:
      "Only a complaints manager can approve, review or lift a restriction on contact: a restriction is a manager's decision, recorded in their name.",
  },
  restrictionReviewNotInFuture: {
    id: 'restriction-review-not-in-future',
    message:
      "A restriction's review date must be after today: a restriction whose review date has passed no longer applies.",
  },
  restrictionReviewTooFar: {
    id: 'restriction-review-too-far',
    message: `A restriction must be reviewed within ${MAX_RESTRICTION_REVIEW_MONTHS} months of being imposed or last reviewed.`,
  },
  restrictionAlreadyInPlace: {
    id: 'restriction-already-in-place',
    message:
      'A restriction of this kind is already in place on this complaint: review it (and vary its terms) or lift it instead of imposing another.',
  },
  restrictionNotInPlace: {
    id: 'restriction-not-in-place',
    message: 'No restriction with this id is in place on this complaint: it was never imposed, or it has been lifted.',
  },
  restrictionVariedNeedsTerms: {
    id: 'restriction-varied-needs-terms',
    message: 'A review that varies a restriction must state its new terms.',
  },
  enquiryUnknown: {
    id: 'enquiry-unknown',
    message: 'No enquiry with this id was received on this complaint.',
  },
  enquiryAlreadyAnswered: {
    id: 'enquiry-already-answered',
    message: 'This enquiry has already been answered; an enquiry is answered once.',
  },
} as const;
