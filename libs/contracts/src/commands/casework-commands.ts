import { z } from 'zod';
import { ContactParty, AuthorityBasis } from '../events/representative-events';
import { MAX_HEADS_ADDED } from '../events/related-issue-events';
import { MAX_PANEL_MEMBERS, PanelRequester } from '../events/stage-two-panel-events';
import { InputDate, InputInstant, InputShortText, InputText, Stage } from '../primitives';

/**
 * Commands of issue 15's casework: stage 2 panel participation, related issues and the
 * representative's authority (docs/domain.md, sections of the same names).
 */

/** Who a contact was with: the resident unless said otherwise (every contact before v3 was). */
export const ContactWith = ContactParty.default('resident');

export const RequestPanelParticipation = z.strictObject({ requestedAt: InputInstant, requestedBy: PanelRequester });
export const RecordPanelMeeting = z.strictObject({
  recordedAt: InputInstant,
  heldOn: InputDate,
  panelMembers: z.array(InputText(200)).min(1).max(MAX_PANEL_MEMBERS),
  outcomeNotes: InputText(4000).optional(),
});
export const DeclinePanelParticipation = z.strictObject({ declinedAt: InputInstant, reason: InputText(2000) });

export const AddHeadsOfComplaint = z.strictObject({
  addedAt: InputInstant,
  heads: z.array(InputText(1000)).min(1).max(MAX_HEADS_ADDED),
});

/**
 * On the complaint during which an unrelated issue was raised: the new complaint logged for it.
 * Both fields are the server's (POST /api/v1/complaints/{id}/related-complaints receives the new
 * complaint and links the two), never a client's.
 */
export const LinkNewComplaint = z.strictObject({
  linkedAt: InputInstant,
  newComplaintId: InputShortText,
  newReference: InputShortText,
});

/** On a new complaint: the complaint (and its stage) during which its issue was raised. Filled in by the server. */
export const RelatedTo = z.strictObject({ complaintId: InputShortText, reference: InputShortText, stage: Stage });

export const RecordRepresentativeAuthority = z.strictObject({
  confirmedAt: InputInstant,
  basis: AuthorityBasis,
  expiresOn: InputDate.optional(),
});
export const WithdrawRepresentativeAuthority = z.strictObject({
  withdrawnAt: InputInstant,
  reason: InputText(2000).optional(),
});

export const caseworkCommandSchemas = {
  RequestPanelParticipation,
  RecordPanelMeeting,
  DeclinePanelParticipation,
  AddHeadsOfComplaint,
  LinkNewComplaint,
  RecordRepresentativeAuthority,
  WithdrawRepresentativeAuthority,
} as const;
