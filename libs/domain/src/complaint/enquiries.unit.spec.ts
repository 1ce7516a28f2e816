import { describe, expect, it } from 'vitest';
import type { Instant } from '@complaints/contracts';
import { complaintRules } from './rules';
import { command, events, history } from './testing/fixtures';
import { given } from './testing/given-when-then';

const receive = (
  receivedAt: Instant = '2026-03-06T10:00:00Z',
  from: 'mp' | 'councillor' | 'other_representative_body' = 'mp',
) =>
  command('ReceiveEnquiry', {
    receivedAt,
    from,
    who: 'Jane Smith MP',
    summary: 'Asks why the damp has not been treated',
  });
const answer = (answeredAt: Instant = '2026-03-10T10:00:00Z', enquiryId = 'E1') =>
  command('AnswerEnquiry', { answeredAt, enquiryId, channel: 'letter' });

describe('enquiries from MPs, councillors and representative bodies', () => {
  it('are received numbered E1, E2…, with who and what, on an open complaint or an ended one', () => {
    given(history.stage1Acknowledged)
      .when(receive())
      .then([
        {
          type: 'EnquiryReceived',
          data: {
            occurredAt: '2026-03-06T10:00:00Z',
            enquiryId: 'E1',
            from: 'mp',
            who: 'Jane Smith MP',
            summary: 'Asks why the damp has not been treated',
          },
        },
      ]);
    given([...history.closed, events.enquiryReceived()])
      .when(receive('2026-04-22T10:00:00+01:00', 'councillor'))
      .then([
        expect.objectContaining({
          type: 'EnquiryReceived',
          data: expect.objectContaining({ enquiryId: 'E2', from: 'councillor' }),
        }),
      ]);
  });

  it('are answered once, with how', () => {
    const received = [...history.stage1Acknowledged, events.enquiryReceived()];
    given(received)
      .when(answer())
      .then([
        { type: 'EnquiryAnswered', data: { occurredAt: '2026-03-10T10:00:00Z', enquiryId: 'E1', channel: 'letter' } },
      ]);
    given([...received, events.enquiryAnswered()])
      .when(answer('2026-03-11T10:00:00Z'))
      .thenViolates(complaintRules.enquiryAlreadyAnswered);
  });

  it('cannot answer an enquiry never received', () => {
    given(history.stage1Acknowledged).when(answer()).thenViolates(complaintRules.enquiryUnknown);
    given([...history.stage1Acknowledged, events.enquiryReceived()])
      .when(answer(undefined, 'E2'))
      .thenViolates(complaintRules.enquiryUnknown);
  });

  it('are not answered before they were received', () => {
    given([...history.stage1Acknowledged, events.enquiryReceived('E1', '2026-03-06T10:00:00Z')])
      .when(answer('2026-03-06T09:59:00Z'))
      .thenViolates(complaintRules.occurredBeforePrecedingStep);
  });

  it('need who made them and what they asked, and a known kind', () => {
    expect(() =>
      command('ReceiveEnquiry', { receivedAt: '2026-03-06T10:00:00Z', from: 'mp', who: '', summary: 'x' }),
    ).toThrow();
    expect(() =>
      command('ReceiveEnquiry', {
        receivedAt: '2026-03-06T10:00:00Z',
        from: 'senator' as never,
        who: 'x',
        summary: 'x',
      }),
    ).toThrow();
  });
});
