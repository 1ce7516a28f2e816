import type { WorkingDayCalendar } from '@complaints/domain';
import { ComplaintEventStore, type ComplaintEnvelope, type RecordedEvent } from '@complaints/event-store';
import type { EvidencePack } from '@complaints/transparency';
import { redactEvent } from '../case-files/redact-event';
import { buildChronology, type ChronologyEntry } from '../chronology/chronology-entry';
import type { TransparencyLog } from './transparency-log';

/**
 * The chronology as it reads without the subject's key: every personal field withheld
 * (redactEvent, as the case files do), so an evidence pack carries no decrypted personal data
 * whoever asks and whenever.
 */
export function withheldChronology(
  envelopes: readonly ComplaintEnvelope[],
  calendar: WorkingDayCalendar,
): ChronologyEntry[] {
  return buildChronology(
    envelopes.map((e) => ({
      ...redactEvent(e.event),
      revision: e.revision,
      recordedAt: e.recordedAt,
      actor: e.metadata.actor,
    })),
    calendar,
  );
}

export interface ComplaintEvidenceSource {
  complaints: ComplaintEventStore;
  log: TransparencyLog;
  calendar: WorkingDayCalendar;
}

/**
 * One complaint's evidence pack (docs/integrity.md, "Evidence pack") from the stream read as
 * stored: the events exactly as hashed, their leaves and inclusion proofs under a checkpoint of
 * the log now, the consistency proofs asked for, and the withheld chronology of the same events.
 */
export async function complaintEvidence(
  source: ComplaintEvidenceSource,
  complaintId: string,
  stored: readonly RecordedEvent[],
  consistencyFrom: readonly number[],
): Promise<EvidencePack> {
  const revision = stored.at(-1)?.revision ?? 0;
  const { envelopes } = await source.complaints.load(complaintId, { toRevision: revision });
  return source.log.evidence({
    complaintId,
    streamId: ComplaintEventStore.streamIdOf(complaintId),
    events: stored,
    consistencyFrom,
    chronology: withheldChronology(envelopes, source.calendar),
  });
}
