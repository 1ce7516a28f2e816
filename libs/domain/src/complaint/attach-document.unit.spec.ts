import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT_MAX_BYTES } from './documents/document-rules';
import { complaintRules } from './rules';
import { command, events, history, officer } from './testing/fixtures';
import { given } from './testing/given-when-then';

const SHA = 'b'.repeat(64);
const attach = (
  overrides: Partial<{
    attachedAt: string;
    sizeBytes: number;
    mediaType: string | null;
    maxBytes: number;
    description: string;
  }> = {},
) =>
  command('AttachDocument', {
    attachedAt: '2026-03-12T10:00:00Z',
    sha256: SHA,
    sizeBytes: 1_200_000,
    mediaType: 'image/jpeg',
    kind: 'photo',
    fileName: 'IMG_2041.jpg',
    maxBytes: DEFAULT_DOCUMENT_MAX_BYTES,
    ...overrides,
  });

describe('attaching a document', () => {
  it('records its digest, size, detected type, kind, file name and who attached it, numbered within the complaint', () => {
    given(history.stage1Acknowledged)
      .when(attach({ description: 'Photo of the damp in the back bedroom' }))
      .then([
        {
          type: 'DocumentAttached',
          data: {
            occurredAt: '2026-03-12T10:00:00Z',
            documentId: 'D1',
            sha256: SHA,
            sizeBytes: 1_200_000,
            mediaType: 'image/jpeg',
            kind: 'photo',
            fileName: 'IMG_2041.jpg',
            description: 'Photo of the damp in the back bedroom',
            attachedBy: officer.id,
          },
        },
      ]);
  });

  it('numbers the next document after those already attached', () => {
    given([...history.stage1Acknowledged, events.documentAttached('D1'), events.documentAttached('D2')])
      .when(attach())
      .then([expect.objectContaining({ data: expect.objectContaining({ documentId: 'D3' }) })]);
  });

  it('is allowed after the complaint has ended: a letter can arrive after closure and is still part of the record', () => {
    given(history.closed)
      .when(attach({ attachedAt: '2026-05-01T10:00:00+01:00' }))
      .then([expect.objectContaining({ type: 'DocumentAttached' })]);
  });

  it('is refused once the personal data is erased', () => {
    given([...history.closed, events.personalDataErased('2032-05-01T10:00:00+01:00')])
      .when(
        command(
          'AttachDocument',
          { ...attach().data, attachedAt: '2032-06-01T10:00:00+01:00' },
          { now: '2040-01-01T00:00:00Z' },
        ),
      )
      .thenViolates(complaintRules.documentOnErasedComplaint);
  });

  it('is refused over the size limit, and at the limit accepted', () => {
    given(history.stage1Acknowledged)
      .when(attach({ sizeBytes: 1001, maxBytes: 1000 }))
      .thenViolates(complaintRules.documentTooLarge);
    given(history.stage1Acknowledged)
      .when(attach({ sizeBytes: 1000, maxBytes: 1000 }))
      .then([expect.objectContaining({ type: 'DocumentAttached' })]);
  });

  it('is refused when empty', () => {
    given(history.stage1Acknowledged)
      .when(attach({ sizeBytes: 0 }))
      .thenViolates(complaintRules.documentEmpty);
  });

  it('is refused when the content is of a type not allowed, or not recognised', () => {
    given(history.stage1Acknowledged)
      .when(attach({ mediaType: 'application/x-msdownload' }))
      .thenViolates(complaintRules.documentTypeNotAllowed);
    given(history.stage1Acknowledged)
      .when(attach({ mediaType: 'application/zip' }))
      .thenViolates(complaintRules.documentTypeNotAllowed);
    given(history.stage1Acknowledged)
      .when(attach({ mediaType: null }))
      .thenViolates(complaintRules.documentTypeNotAllowed);
  });

  it('accepts each allowed type', () => {
    for (const mediaType of [
      'application/pdf',
      'image/png',
      'image/heic',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/msword',
      'text/plain',
    ]) {
      given(history.stage1Acknowledged)
        .when(attach({ mediaType }))
        .then([expect.objectContaining({ data: expect.objectContaining({ mediaType }) })]);
    }
  });

  it('is not dated before the complaint was received', () => {
    given(history.stage1Acknowledged)
      .when(attach({ attachedAt: '2020-01-01T10:00:00Z' }))
      .thenViolates(complaintRules.occurredBeforeReceipt);
  });
});
