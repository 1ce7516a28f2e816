import type {
  ComplaintAcknowledged,
  ComplaintAcknowledgedV1Data,
  ComplaintAcknowledgedV2Data,
  ComplaintAssigned,
  ComplaintAssignedV1Data,
  ComplaintAssignedV2Data,
  ComplaintClosed,
  ComplaintClosedV1Data,
  ComplaintEscalated,
  ComplaintEscalatedV1Data,
  ComplaintReceived,
  ComplaintReceivedV1Data,
  ComplaintReceivedV2Data,
  ComplaintRefused,
  ComplaintRefusedV1Data,
  CompensationPaid,
  CompensationPaidV1Data,
  ContactLogged,
  ContactLoggedV1Data,
  ContactLoggedV2Data,
  ExtensionAgreed,
  ExtensionAgreedV1Data,
  ExtensionAgreedV2Data,
  LessonRecorded,
  LessonRecordedV1Data,
  OmbudsmanDeterminationRecorded,
  OmbudsmanDeterminationRecordedV1Data,
  OmbudsmanOrderComplied,
  OmbudsmanOrderCompliedV1Data,
  PersonalDataErased,
  PersonalDataErasedV1Data,
  SatisfactionRecorded,
  SatisfactionRecordedV1Data,
  StageResponseIssued,
  StageResponseIssuedV1Data,
} from './events';
import { channelOfText } from './events/channel-of-text';
import { currentVersionOf, definitionOf, type ComplaintEvent } from './registry';

/**
 * Upcasting: an event stored under an old schema version is converted to the current version
 * when it is read. The stored event is never rewritten (the log is append-only and hash-chained).
 * Each upcaster lifts exactly one version to the next; they compose.
 */
type Upcaster = (data: unknown) => unknown;

const upcasters: Record<string, Record<number, Upcaster>> = {
  ComplaintReceived: {
    // v1 -> v2: flat complainant fields became one nested object; v1 had one data subject per
    // complaint, so the complaint id is the data subject.
    1: (raw) => {
      const v1 = raw as ComplaintReceivedV1Data;
      const v2: ComplaintReceivedV2Data = {
        occurredAt: v1.occurredAt,
        complaintId: v1.complaintId,
        reference: v1.reference,
        dataSubjectId: v1.complaintId,
        channel: v1.channel,
        complainant: {
          name: v1.complainantName,
          ...(v1.complainantEmail ? { email: v1.complainantEmail } : {}),
          ...(v1.complainantPhone ? { phone: v1.complainantPhone } : {}),
        },
        serviceArea: v1.serviceArea,
        description: v1.description,
      };
      return v2;
    },
    // v2 -> v3: the channel became a vocabulary; words typed there before read as their channel or 'other'.
    2: (raw) => {
      const v2 = raw as ComplaintReceivedV2Data;
      return { ...v2, channel: channelOfText(v2.channel) } satisfies ComplaintReceived;
    },
  },
  // The v2s below only add optional fields. A v1 event is a valid v2 event whose new facts were
  // not recorded then (who recorded the step, the stage of a survey, a review-request window,
  // an apology reason, a refusal's date): they stay absent, which readers take as unknown.
  ComplaintRefused: { 1: (raw) => raw as ComplaintRefusedV1Data satisfies ComplaintRefused },
  ComplaintAcknowledged: {
    1: (raw) => raw as ComplaintAcknowledgedV1Data satisfies ComplaintAcknowledgedV2Data,
    // v2 -> v3: the method became a channel of the vocabulary, as ComplaintReceived's.
    2: (raw) => {
      const v2 = raw as ComplaintAcknowledgedV2Data;
      return (v2.method === undefined ? v2 : { ...v2, method: channelOfText(v2.method) }) as ComplaintAcknowledged;
    },
  },
  // The steps below keep the shape and only classify fields as personal: the data passes as it
  // is. Values stored in clear by the older version read as ERASED once the key is destroyed
  // (their definitions' personalInClear; the cipher applies it), so the upcast sees them erased.
  ComplaintAssigned: {
    1: (raw) => raw as ComplaintAssignedV1Data satisfies ComplaintAssignedV2Data,
    2: (raw) => raw as ComplaintAssignedV2Data satisfies ComplaintAssigned,
  },
  ComplaintClosed: { 1: (raw) => raw as ComplaintClosedV1Data satisfies ComplaintClosed },
  LessonRecorded: { 1: (raw) => raw as LessonRecordedV1Data satisfies LessonRecorded },
  CompensationPaid: { 1: (raw) => raw as CompensationPaidV1Data satisfies CompensationPaid },
  OmbudsmanDeterminationRecorded: {
    1: (raw) => raw as OmbudsmanDeterminationRecordedV1Data satisfies OmbudsmanDeterminationRecorded,
  },
  OmbudsmanOrderComplied: { 1: (raw) => raw as OmbudsmanOrderCompliedV1Data satisfies OmbudsmanOrderComplied },
  // v1 -> v2: a v1 erasure stated no basis (it stays absent: unknown); its reason is kept as the reason.
  PersonalDataErased: { 1: (raw) => raw as PersonalDataErasedV1Data satisfies PersonalDataErased },
  // v1 -> v2: the channel became a vocabulary, as ComplaintReceived's.
  ContactLogged: {
    1: (raw) => {
      const v1 = raw as ContactLoggedV1Data;
      return { ...v1, channel: channelOfText(v1.channel) } satisfies ContactLoggedV2Data;
    },
    // v2 -> v3: who the contact was with is new and optional; absent, it was the resident (as every v2 contact was).
    2: (raw) => raw as ContactLoggedV2Data satisfies ContactLogged,
  },
  StageResponseIssued: { 1: (raw) => raw as StageResponseIssuedV1Data satisfies StageResponseIssued },
  ComplaintEscalated: { 1: (raw) => raw as ComplaintEscalatedV1Data satisfies ComplaintEscalated },
  SatisfactionRecorded: { 1: (raw) => raw as SatisfactionRecordedV1Data satisfies SatisfactionRecorded },
  // v1 -> v2: `goodReason` is new and optional; a v1 extension recorded none. v2 -> v3: personal.
  ExtensionAgreed: {
    1: (raw) => raw as ExtensionAgreedV1Data satisfies ExtensionAgreedV2Data,
    2: (raw) => raw as ExtensionAgreedV2Data satisfies ExtensionAgreed,
  },
};

export class UnknownEventError extends Error {
  constructor(
    readonly eventType: string,
    readonly schemaVersion: number,
  ) {
    super(`No schema is known for ${eventType} version ${schemaVersion}`);
    this.name = 'UnknownEventError';
  }
}

/**
 * Bring stored data of any known version up to the current version and validate it.
 * Erased personal fields are not re-validated here: see `upcastStoredData` callers, which
 * pass `validate: false` when fields were replaced by the erased marker.
 */
export function upcast(
  type: string,
  schemaVersion: number,
  data: unknown,
  options: { validate?: boolean } = {},
): ComplaintEvent {
  const current = currentVersionOf(type);
  if (current === undefined || !definitionOf(type, schemaVersion) || schemaVersion > current) {
    throw new UnknownEventError(type, schemaVersion);
  }
  let value = data;
  for (let v = schemaVersion; v < current; v++) {
    const step = upcasters[type]?.[v];
    if (!step) throw new UnknownEventError(type, v);
    value = step(value);
  }
  if (options.validate !== false) {
    value = definitionOf(type, current)!.schema.parse(value);
  }
  return { type, data: value } as ComplaintEvent;
}
