import { describe, expect, it } from 'vitest';
import { describeDocumentAttached, humanSize } from './describe-document';

describe('the chronology line of an attached document', () => {
  it('names the kind, the type and the size, never the file name or description', () => {
    const line = describeDocumentAttached({
      type: 'DocumentAttached',
      data: {
        occurredAt: '2026-03-10T10:00:00Z',
        documentId: 'D1',
        sha256: 'a'.repeat(64),
        sizeBytes: 1_200_000,
        mediaType: 'image/jpeg',
        kind: 'letter_received',
        fileName: 'Letter from Jane Jones.jpg',
        description: 'From Jane',
        attachedBy: 'u-1',
      },
    });
    expect(line).toBe('Document attached: letter received (image/jpeg, 1.2 MB)');
  });

  it('says sizes as file managers do', () => {
    expect([humanSize(1), humanSize(999), humanSize(48_400), humanSize(20_971_520)]).toEqual([
      '1 byte',
      '999 bytes',
      '48 KB',
      '21.0 MB',
    ]);
  });
});
