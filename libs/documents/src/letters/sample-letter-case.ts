import type { LetterCase, LetterSetting } from './letter-case';

/**
 * A fictional case with every step a letter can report: both stages acknowledged and extended,
 * both answered (stage 2 overturning a stage 1 decision, actions still to do), and a refusal.
 * The templates are checked against it at start-up, and docs/examples/ is rendered from it.
 * Nobody in it is real; the Welsh names are there so that the PDFs show them exactly.
 */
export const SAMPLE_LETTER_CASE: LetterCase = {
  reference: 'CMP-2026-00917',
  receivedOn: '2026-03-02',
  complainant: {
    name: 'Siân Ŵyn',
    email: 'sian.wyn@example.org',
    address: '12 Heol y Dŵr, Tŷ Newydd, Chester, CH1 4AB',
    preferredContact: 'letter',
  },
  representative: null,
  stages: [
    {
      stage: 1,
      startedAt: '2026-03-02T09:15:00Z',
      acknowledgedAt: '2026-03-04T10:00:00Z',
      handler: { id: 'u-101', name: 'Priya Shah' },
      headsOfComplaint: [
        'Repeated failure to treat damp and mould in the back bedroom',
        'Missed repair appointments on 12 and 19 February 2026',
      ],
      outcomesSought: ['A lasting repair of the damp', 'An apology for the missed appointments'],
      extensions: [
        {
          workingDays: 5,
          reason: 'We are waiting for the damp survey report from our surveyor.',
          at: '2026-03-11T14:20:00Z',
        },
      ],
      respondedAt: '2026-03-20T16:30:00Z',
      decisions: [
        {
          head: 'Repeated failure to treat damp and mould in the back bedroom',
          outcome: 'not_upheld',
          reasons: 'Our records show two mould washes and a survey booked.',
        },
        {
          head: 'Missed repair appointments on 12 and 19 February 2026',
          outcome: 'upheld',
          reasons: 'Our operative did not attend either appointment and nobody told you.',
        },
      ],
      apology: true,
      apologyNotGivenReason: null,
      compensationOffered: [{ amountPence: 5000, kind: 'time_and_trouble' }],
    },
    {
      stage: 2,
      startedAt: '2026-03-24T11:00:00Z',
      acknowledgedAt: '2026-03-26T09:30:00Z',
      handler: { id: 'u-207', name: 'Daniel Okafor' },
      headsOfComplaint: [
        'Repeated failure to treat damp and mould in the back bedroom',
        'Missed repair appointments on 12 and 19 February 2026',
      ],
      outcomesSought: ['A lasting repair of the damp'],
      extensions: [
        {
          workingDays: 10,
          reason: 'An independent damp specialist can only inspect on 14 April.',
          at: '2026-04-02T10:00:00+01:00',
        },
      ],
      respondedAt: '2026-04-20T15:00:00+01:00',
      decisions: [
        {
          head: 'Repeated failure to treat damp and mould in the back bedroom',
          outcome: 'upheld',
          reasons: 'The specialist found the extractor fan had never worked; mould washes could not fix that.',
        },
        {
          head: 'Missed repair appointments on 12 and 19 February 2026',
          outcome: 'upheld',
          reasons: 'As found at stage 1.',
        },
      ],
      apology: true,
      apologyNotGivenReason: null,
      compensationOffered: [
        { amountPence: 15000, kind: 'time_and_trouble' },
        { amountPence: 8999, kind: 'loss' },
      ],
    },
  ],
  sla: {
    stages: [
      { stage: 1, responseDue: '2026-03-30' },
      { stage: 2, responseDue: '2026-05-08' },
    ],
  },
  remedyActions: [
    {
      actionId: 'S1-A1',
      stage: 1,
      description: 'Mould wash and stain block in the back bedroom',
      dueBy: '2026-03-31',
      completedAt: null,
    },
    {
      actionId: 'S2-A1',
      stage: 2,
      description: 'Replace the bedroom extractor fan',
      dueBy: '2026-05-15',
      completedAt: null,
    },
  ],
  refusal: {
    refusedAt: '2026-03-03T15:00:00Z',
    ground: 'legal_proceedings',
    explanation: 'Your solicitor has issued a disrepair claim about the same damp, so the court will decide it.',
  },
  escalationRefusals: [],
};

/** The same case through a representative whose authority is not yet confirmed. */
export const SAMPLE_REPRESENTED_CASE: LetterCase = {
  ...SAMPLE_LETTER_CASE,
  representative: { name: 'Alun Ŵyn', relationship: 'son', authorityConfirmed: false },
};

export const SAMPLE_LETTER_SETTING: LetterSetting = {
  landlord: {
    name: 'Afon Homes',
    addressLines: ['1 Riverside Walk', 'Chester', 'CH1 1AA'],
    contact: '01244 555 0100 or complaints@afon-homes.example',
  },
  date: '2026-04-21',
  reviewRequestWindowDays: 20,
};
