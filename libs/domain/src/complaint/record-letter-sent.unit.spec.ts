import { describe, expect, it } from 'vitest';
import { complaintRules } from './rules';
import { at, command, events, history, officer } from './testing/fixtures';
import { given } from './testing/given-when-then';

const sent = (
  letter: Parameters<typeof command<'RecordLetterSent'>>[1]['letter'],
  sentAt: string,
  recipient: 'resident' | 'representative' = 'resident',
) => command('RecordLetterSent', { letter, sentAt, channel: 'email', recipient });

describe('recording that a letter was sent', () => {
  it('records which letter, how, when, to whom and who sent it, and keeps it as outbound contact in the state', () => {
    const state = given(history.stage1Responded)
      .when(sent('response-1', '2026-03-20T17:00:00Z'))
      .then([
        {
          type: 'LetterSent',
          data: {
            occurredAt: '2026-03-20T17:00:00Z',
            letter: 'response-1',
            channel: 'email',
            recipient: 'resident',
            sentBy: { id: officer.id, name: officer.name },
          },
        },
      ]);
    expect(state).toMatchObject({
      lettersSent: [{ letter: 'response-1', sentAt: '2026-03-20T17:00:00Z', channel: 'email', recipient: 'resident' }],
    });
  });

  it('refuses a letter whose step has not happened yet, naming what is missing', () => {
    const refused = given(history.stage1Acknowledged)
      .when(sent('response-1', '2026-03-20T17:00:00Z'))
      .thenViolates(complaintRules.letterNotReady);
    expect(refused.message).toContain('the stage 1 response');
    given(history.stage1Responded)
      .when(sent('acknowledgement-2', '2026-03-21T17:00:00Z'))
      .thenViolates(complaintRules.letterNotReady);
    given(history.stage1Acknowledged)
      .when(sent('extension-1', '2026-03-21T17:00:00Z'))
      .thenViolates(complaintRules.letterNotReady);
    given(history.stage1Responded)
      .when(sent('refusal', '2026-03-21T17:00:00Z'))
      .thenViolates(complaintRules.letterNotReady);
  });

  it('accepts each letter once its step is recorded, also after the complaint has ended', () => {
    given([...history.stage1Acknowledged, events.extended(1)])
      .when(sent('extension-1', '2026-03-11T15:00:00Z'))
      .then([expect.objectContaining({ type: 'LetterSent' })]);
    given(history.refused)
      .when(sent('refusal', '2026-03-03T16:00:00Z'))
      .then([expect.objectContaining({ type: 'LetterSent' })]);
    given(history.closed)
      .when(sent('response-2', '2026-04-22T09:00:00+01:00'))
      .then([expect.objectContaining({ type: 'LetterSent' })]);
    given([...history.stage1Responded, events.escalationRefused('2026-03-25T10:00:00Z')])
      .when(sent('refusal', '2026-03-25T11:00:00Z'))
      .then([expect.objectContaining({ type: 'LetterSent' })]);
  });

  it('refuses a letter sent before the step it reports', () => {
    given(history.stage1Acknowledged)
      .when(sent('acknowledgement-1', '2026-03-04T09:00:00Z'))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
    given(history.stage1Acknowledged)
      .when(sent('acknowledgement-1', at.stage1Acknowledged))
      .then([expect.objectContaining({ type: 'LetterSent' })]);
  });

  it('sends to a representative only when the complaint has one', () => {
    given(history.stage1Acknowledged)
      .when(sent('acknowledgement-1', '2026-03-04T11:00:00Z', 'representative'))
      .thenViolates(complaintRules.letterToAbsentRepresentative);
    given([
      events.received({ representative: { name: 'Alun Ŵyn', relationship: 'son', authorityConfirmed: true } }),
      events.acknowledged(1),
    ])
      .when(sent('acknowledgement-1', '2026-03-04T11:00:00Z', 'representative'))
      .then([
        expect.objectContaining({ type: 'LetterSent', data: expect.objectContaining({ recipient: 'representative' }) }),
      ]);
  });

  it("writes to a representative only with the resident's authority current when it is sent", () => {
    given([
      events.received({ representative: { name: 'Alun Ŵyn', relationship: 'son', authorityConfirmed: false } }),
      events.acknowledged(1),
    ])
      .when(sent('acknowledgement-1', '2026-03-04T11:00:00Z', 'representative'))
      .thenViolates(complaintRules.contactWithRepresentativeNeedsAuthority);
  });

  it('refuses every letter once the personal data is erased: there is nobody to address it to', () => {
    given([...history.refused, events.personalDataErased('2026-04-01T10:00:00Z')])
      .when(sent('refusal', '2026-04-02T10:00:00Z'))
      .thenViolates(complaintRules.letterNotReady);
  });
});
