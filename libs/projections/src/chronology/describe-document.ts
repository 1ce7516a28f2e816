import type { EventOfType } from '@complaints/contracts';

/** A size as people say it: 850 bytes, 48 KB, 1.2 MB (decimal units, as file managers show them). */
export function humanSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/**
 * The chronology's line for an attached document: what kind, what type, how large. Never the
 * file name or the description: they are personal, and the kind says what the record needs.
 */
export function describeDocumentAttached({ data }: EventOfType<'DocumentAttached'>): string {
  return `Document attached: ${data.kind.replace(/_/g, ' ')} (${data.mediaType}, ${humanSize(data.sizeBytes)})`;
}
