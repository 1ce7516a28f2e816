import type { CommandHandler } from './command-handler';

/**
 * An enquiry about the complaint from an MP, a councillor or another representative body
 * (docs/domain.md, "Enquiries"), numbered within the complaint ('E1', 'E2'…). It may come at any
 * point, after the complaint has ended too (an MP often writes once the resident is unhappy with
 * the final response).
 */
export const receiveEnquiry: CommandHandler<'ReceiveEnquiry'> = {
  allowedOnceEnded: true,
  occurredAt: (command) => command.data.receivedAt,
  decide({ data }, complaint) {
    return [
      {
        type: 'EnquiryReceived',
        data: {
          occurredAt: data.receivedAt,
          enquiryId: `E${complaint.enquiries.length + 1}`,
          from: data.from,
          who: data.who,
          summary: data.summary,
        },
      },
    ];
  },
};
