import type { ComplaintEnvelope } from '@complaints/event-store';
import type { ReadModelSeal, SubjectKeys } from './read-model-seal';

/**
 * Whose key seals what a read model keeps of this event: the subject the event store encrypted
 * it for (its metadata), else the one its receipt or erasure names.
 */
export function dataSubjectOf(envelope: ComplaintEnvelope): string | undefined {
  if (envelope.metadata.dataSubjectId) return envelope.metadata.dataSubjectId;
  const named = (envelope.event.data as { dataSubjectId?: unknown }).dataSubjectId;
  return typeof named === 'string' ? named : undefined;
}

/** A sealing projection's `prepare`: the keys of the batch's subjects, looked up before its transaction. */
export function sealingKeysFor(seal: ReadModelSeal): (envelopes: readonly ComplaintEnvelope[]) => Promise<SubjectKeys> {
  return (envelopes) => seal.forSealing(envelopes.map(dataSubjectOf));
}
