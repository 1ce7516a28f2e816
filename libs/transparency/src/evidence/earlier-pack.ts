import type { EvidenceProblem } from './verify-evidence';
import { EVIDENCE_PACK_FORMAT, EvidencePackSchema, schemaProblems, type EvidencePack } from './evidence-pack';

/**
 * A Merkle log proves inclusion, never absence: a pack whose service dropped a stream's last event
 * AND its leaf row lists fewer leaves, and every proof in it still holds. What the auditor can hold
 * the service to is what it showed before (docs/integrity.md, "What a pack proves"): every event
 * and leaf an earlier pack of the same case listed must still be there, at the same leaf, with the
 * same hash and revision.
 */
export function isEvidencePackLike(input: unknown): boolean {
  return typeof input === 'object' && input !== null && (input as { format?: unknown }).format === EVIDENCE_PACK_FORMAT;
}

/** Compare the pack with an earlier pack the auditor holds; returns a fact or pushes problems. */
export function compareWithEarlierPack(
  pack: EvidencePack,
  earlierInput: unknown,
  problems: EvidenceProblem[],
  facts: string[],
): void {
  const parsed = EvidencePackSchema.safeParse(earlierInput);
  if (!parsed.success) {
    problems.push({
      kind: 'malformed',
      message: `your earlier evidence pack is not one: ${schemaProblems(parsed.error, 'earlier')}`,
    });
    return;
  }
  const earlier = parsed.data as EvidencePack;
  if (earlier.streamId !== pack.streamId) {
    facts.push(
      `your earlier pack is of another case (${earlier.streamId}, not ${pack.streamId}): only its checkpoint was used; it cannot show whether events of this case were removed`,
    );
    return;
  }
  const before = problems.length;
  const leaves = new Map(pack.log.map((leaf) => [leaf.revision, leaf]));
  for (const old of earlier.log) {
    const now = leaves.get(old.revision);
    if (!now) {
      problems.push({
        kind: 'truncated-stream',
        message: `your earlier pack of this case listed revision ${old.revision} at leaf ${old.leafIndex}; this pack has no such leaf: the event and its leaf were removed`,
      });
    } else if (now.leafIndex !== old.leafIndex || now.hash !== old.hash || now.eventId !== old.eventId) {
      problems.push({
        kind: 'tampered-event',
        message: `your earlier pack of this case listed revision ${old.revision} at leaf ${old.leafIndex} with hash ${old.hash}; this pack has it at leaf ${now.leafIndex} with hash ${now.hash}: the history was rewritten`,
      });
    }
  }
  const events = new Map(pack.events.map((event) => [event.revision, event]));
  for (const old of earlier.events) {
    const now = events.get(old.revision);
    if (!now) {
      if (!leaves.has(old.revision) && earlier.log.some((leaf) => leaf.revision === old.revision)) continue; // already reported with its leaf
      problems.push({
        kind: 'truncated-stream',
        message: `your earlier pack of this case held revision ${old.revision} (${old.type}); this pack's events lack it: the event was removed`,
      });
    } else if (now.hash !== old.hash || now.eventId !== old.eventId) {
      problems.push({
        kind: 'tampered-event',
        message: `revision ${old.revision} has hash ${now.hash} here but ${old.hash} in your earlier pack of this case: the event was rewritten`,
      });
    }
  }
  if (problems.length === before) {
    facts.push(
      `against your earlier pack of this case: all ${earlier.events.length} events and ${earlier.log.length} leaves it held are here, unchanged and at the same leaves`,
    );
  }
}
