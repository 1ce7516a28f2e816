import type { WriteContext } from './write-context';
import type { WriteDefinition } from './write-definitions';

/** POST /complaints: a new complaint, under an id chosen by the API. */
export class ReceiveComplaintCommand {
  constructor(
    readonly complaintId: string,
    /** The validated request body (ReceiveComplaint without the server-generated fields). */
    readonly body: Readonly<Record<string, unknown>>,
    readonly context: WriteContext,
    /** The complaint during which this one's unrelated issue was raised (POST /complaints/{id}/related-complaints). */
    readonly relatedTo?: { complaintId: string; reference: string; stage: 1 | 2 },
    /** The feedback item it was raised from (POST /api/v1/feedback/{id}/complaint). */
    readonly raisedFromFeedback?: { feedbackId: string; kind: 'resolved_at_first_contact' | 'service_request' },
    /**
     * The id was drawn at random for this request (no Idempotency-Key, no page form's or feedback's
     * id), so no stream can have it: the complaint is decided without reading one first. Any other
     * id is read first, so that a second attempt is refused before a subject key is made for it.
     */
    readonly freshId = false,
  ) {}
}

/** Every other write: one step recorded against an existing complaint. */
export class RecordComplaintStepCommand {
  constructor(
    readonly complaintId: string,
    readonly definition: WriteDefinition,
    /** The validated request body. */
    readonly body: Readonly<Record<string, unknown>>,
    /** Fields of the command that travel in the URL (remedy action id, Ombudsman order id). */
    readonly pathFields: Readonly<Record<string, string>>,
    readonly context: WriteContext,
  ) {}
}

/** What every write answers with (api.md: at least id and revision), plus where the read side can wait for it. */
export interface WriteResult {
  id: string;
  reference: string;
  /** The complaint's revision after the write: also the ETag. */
  revision: number;
  /** Global position of the last event written, as a string (it is a 64-bit integer). */
  position: string | null;
  /** Types of the events the write appended, in order. */
  events: string[];
}
