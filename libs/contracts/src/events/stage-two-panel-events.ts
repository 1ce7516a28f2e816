import { z } from 'zod';
import { defineEvent } from '../define-event';
import { CalendarDate, Instant, ShortText, Text } from '../primitives';

/**
 * A panel member at stage 2, on the resident's request (docs/domain.md, "Stage 2 panel
 * participation"): the request, then the meeting held or the request declined. Who asked is a
 * vocabulary; the panel members' names, the outcome notes and a reason for declining are free
 * text that names people, so personal.
 */
export const PanelRequester = z.enum(['resident', 'representative']);
export type PanelRequester = z.infer<typeof PanelRequester>;

/** A stage 2 review meets with at most a handful of panel members; beyond it, a typo. */
export const MAX_PANEL_MEMBERS = 10;

export const PanelParticipationRequestedV1 = defineEvent({
  type: 'PanelParticipationRequested',
  schemaVersion: 1,
  description: 'At stage 2 the resident (or their representative) asked for a panel member to take part in the review.',
  personal: [],
  schema: z.strictObject({
    occurredAt: Instant,
    requestedBy: PanelRequester,
    /** The staff id of whoever recorded the request. */
    recordedBy: ShortText,
  }),
});
export type PanelParticipationRequested = z.infer<typeof PanelParticipationRequestedV1.schema>;

export const PanelMeetingHeldV1 = defineEvent({
  type: 'PanelMeetingHeld',
  schemaVersion: 1,
  description: 'The stage 2 review met with the panel member(s) the resident asked for.',
  personal: ['panelMembers[]', 'outcomeNotes'],
  schema: z.strictObject({
    occurredAt: Instant,
    /** The London date the meeting took place. */
    heldOn: CalendarDate,
    panelMembers: z.array(Text(200)).min(1).max(MAX_PANEL_MEMBERS),
    outcomeNotes: Text(4000).optional(),
    recordedBy: ShortText,
  }),
});
export type PanelMeetingHeld = z.infer<typeof PanelMeetingHeldV1.schema>;

export const PanelParticipationDeclinedV1 = defineEvent({
  type: 'PanelParticipationDeclined',
  schemaVersion: 1,
  description: "The resident's request for a panel member at stage 2 was declined, with the reason.",
  personal: ['reason'],
  schema: z.strictObject({ occurredAt: Instant, reason: Text(2000), recordedBy: ShortText }),
});
export type PanelParticipationDeclined = z.infer<typeof PanelParticipationDeclinedV1.schema>;
