import { complaintRules, violation } from '../rules';
import { notBefore } from './chronology';
import type { CommandHandler } from './command-handler';

/** An enquiry is answered once, not before it was received. */
export const answerEnquiry: CommandHandler<'AnswerEnquiry'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.answeredAt,
  decide({ data }, complaint) {
    const enquiry = complaint.enquiries.find((e) => e.enquiryId === data.enquiryId);
    if (!enquiry)
      return violation(
        complaintRules.enquiryUnknown,
        `Enquiries received: ${complaint.enquiries.map((e) => e.enquiryId).join(', ') || 'none'}.`,
      );
    if (enquiry.answeredAt !== null)
      return violation(complaintRules.enquiryAlreadyAnswered, `It was answered ${enquiry.answeredAt}.`);
    const early = notBefore(data.answeredAt, enquiry.receivedAt, 'the enquiry was received');
    if (early) return early;
    return [
      {
        type: 'EnquiryAnswered',
        data: { occurredAt: data.answeredAt, enquiryId: enquiry.enquiryId, channel: data.channel },
      },
    ];
  },
};
