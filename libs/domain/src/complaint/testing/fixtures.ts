/**
 * Test data for the complaint decider: one realistic case (damp and mould in a bedroom, missed
 * repair appointments) at a housing association, as events at each point of its lifecycle,
 * plus a builder for commands that validates them with the same schemas the API uses.
 */
import {
  commandSchemas,
  type Actor,
  type CommandOfType,
  type ComplaintCommandType,
  type ComplaintEvent,
  type EventOfType,
  type Instant,
  type Person,
} from '@complaints/contracts';
import type { z } from 'zod';

export const COMPLAINT_ID = 'c-7f3a2b10';
export const DATA_SUBJECT_ID = 'ds-7f3a2b10';
export const REFERENCE = 'CMP-2026-00412';

/** Late enough that every step of the scenario is in the past. */
export const NOW: Instant = '2026-06-30T12:00:00Z';

export const officer: Actor = { id: 'u-101', name: 'Priya Shah', role: 'complaints_officer' };
export const manager: Actor = { id: 'u-207', name: 'Daniel Okafor', role: 'complaints_manager' };
/** Places legal holds and approves erasures: an administrator, not a complaint handler. */
export const admin: Actor = { id: 'u-900', name: 'Grace Admin', role: 'admin' };

export const stageOneHandler: Person = { id: 'u-101', name: 'Priya Shah' };
export const otherOfficer: Person = { id: 'u-115', name: 'Tom Reid' };
export const stageTwoHandler: Person = { id: 'u-207', name: 'Daniel Okafor' };
/** Who recorded a step, as v2 events carry it (the actor's staff id). */
export const recorder = (actor: Pick<Actor, 'id'>): { id: string } => ({ id: actor.id });

const DAMP_HEAD = 'Repeated failure to treat damp and mould in the back bedroom';
const APPOINTMENTS_HEAD = 'Missed repair appointments on 12 and 19 February 2026';
export const HEADS = [DAMP_HEAD, APPOINTMENTS_HEAD];

/** The case's timeline. British Summer Time starts on 29 March 2026, hence the offsets. */
export const at = {
  received: '2026-03-02T09:15:00Z',
  stage1Acknowledged: '2026-03-04T10:00:00Z',
  stage1Extended: '2026-03-11T14:20:00Z',
  stage1Responded: '2026-03-20T16:30:00Z',
  escalated: '2026-03-24T11:00:00Z',
  stage2Acknowledged: '2026-03-26T09:30:00Z',
  stage2Responded: '2026-04-20T15:00:00+01:00',
  lessonRecorded: '2026-04-21T09:00:00+01:00',
  closed: '2026-04-21T10:00:00+01:00',
} as const satisfies Record<string, Instant>;

/** A command as the API would hand it over: the payload parsed (defaults applied) by its schema. */
export function command<K extends ComplaintCommandType>(
  type: K,
  input: z.input<(typeof commandSchemas)[K]>,
  context: { now?: Instant; actor?: Actor } = {},
): CommandOfType<K> {
  const data: unknown = commandSchemas[type].parse(input);
  return {
    type,
    data,
    complaintId: COMPLAINT_ID,
    now: context.now ?? NOW,
    actor: context.actor ?? officer,
  } as CommandOfType<K>;
}

export const events = {
  received: (data: Partial<EventOfType<'ComplaintReceived'>['data']> = {}): ComplaintEvent => ({
    type: 'ComplaintReceived',
    data: {
      occurredAt: at.received,
      complaintId: COMPLAINT_ID,
      reference: REFERENCE,
      dataSubjectId: DATA_SUBJECT_ID,
      channel: 'phone',
      complainant: {
        name: 'Margaret Ellis',
        phone: '0161 496 0732',
        address: 'Flat 4, 18 Weaste Lane, Salford M5 2JH',
        preferredContact: 'phone',
      },
      serviceArea: 'Repairs',
      category: 'Damp and mould',
      description:
        'Black mould keeps coming back on the bedroom wall and ceiling. Two repair appointments were missed without notice.',
      outcomeSought: 'Fix the cause of the damp and compensate for ruined bedding',
      issueKnownSince: '2025-11-10',
      tenure: 'LCRA',
      ...data,
    },
  }),
  acknowledged: (stage: 1 | 2, data: Partial<EventOfType<'ComplaintAcknowledged'>['data']> = {}): ComplaintEvent => ({
    type: 'ComplaintAcknowledged',
    data: {
      occurredAt: stage === 1 ? at.stage1Acknowledged : at.stage2Acknowledged,
      stage,
      handler: stage === 1 ? stageOneHandler : stageTwoHandler,
      method: 'letter',
      headsOfComplaint: HEADS,
      outcomesSought: ['Permanent repair of the damp', 'Compensation for damaged bedding'],
      // Stage 1 is recorded by its handler, stage 2 by its (independent) reviewer.
      recordedBy: recorder(stage === 1 ? officer : manager),
      ...data,
    },
  }),
  assigned: (stage: 1 | 2, handler: Person, occurredAt: Instant): ComplaintEvent => ({
    type: 'ComplaintAssigned',
    data: { occurredAt, stage, handler, reason: 'Original handler on long-term leave' },
  }),
  extended: (stage: 1 | 2, occurredAt: Instant = at.stage1Extended): ComplaintEvent => ({
    type: 'ExtensionAgreed',
    data: {
      occurredAt,
      stage,
      additionalWorkingDays: 5,
      reason: 'Waiting for the damp surveyor report',
      residentInformed: true,
      ombudsmanDetailsGiven: true,
    },
  }),
  responded: (stage: 1 | 2, data: Partial<EventOfType<'StageResponseIssued'>['data']> = {}): ComplaintEvent => ({
    type: 'StageResponseIssued',
    data: {
      occurredAt: stage === 1 ? at.stage1Responded : at.stage2Responded,
      stage,
      decisions: [
        {
          head: DAMP_HEAD,
          outcome: stage === 1 ? 'partially_upheld' : 'upheld',
          reasons: 'Mould wash only; cause not found',
        },
        { head: APPOINTMENTS_HEAD, outcome: 'upheld', reasons: 'Both appointments missed without notice' },
      ],
      remedies: {
        apology: true,
        actions: [
          { actionId: `S${stage}-A1`, description: 'Install an extractor fan in the bedroom', dueBy: '2026-05-15' },
        ],
        compensation: [{ amountPence: stage === 1 ? 5000 : 15000, kind: 'time_and_trouble' }],
      },
      recordedBy: recorder(stage === 1 ? officer : manager),
      ...data,
    },
  }),
  escalated: (occurredAt: Instant = at.escalated): ComplaintEvent => ({
    type: 'ComplaintEscalated',
    data: { occurredAt, reason: 'The mould is back and the fan has not been fitted' },
  }),
  lessonRecorded: (lessonId = 'L1', occurredAt: Instant = at.lessonRecorded): ComplaintEvent => ({
    type: 'LessonRecorded',
    data: {
      occurredAt,
      lessonId,
      lesson: 'Mould washes were treated as a fix without finding the cause',
      rootCause: 'No damp survey was required before closing a mould job',
      improvementAction: 'Repairs to book a damp survey on any second mould report within 12 months',
      owner: 'Head of Repairs',
      dueBy: '2026-07-31',
    },
  }),
  closed: (occurredAt: Instant = at.closed): ComplaintEvent => ({
    type: 'ComplaintClosed',
    data: {
      occurredAt,
      outcome: 'Upheld at stage 2; fan to be fitted and compensation paid',
      closedBy: { id: manager.id, name: manager.name },
      lessonsRecorded: 1,
    },
  }),
  withdrawn: (occurredAt: Instant): ComplaintEvent => ({
    type: 'ComplaintWithdrawn',
    data: { occurredAt, reason: 'The repair was done and the resident is happy' },
  }),
  refused: (occurredAt: Instant): ComplaintEvent => ({
    type: 'ComplaintRefused',
    data: {
      occurredAt,
      ground: 'legal_proceedings',
      explanation: 'A disrepair claim about the same damp is before the county court',
      ombudsmanReferralRightGiven: true,
    },
  }),
  contactLogged: (occurredAt: Instant): ComplaintEvent => ({
    type: 'ContactLogged',
    data: {
      occurredAt,
      direction: 'outbound',
      channel: 'phone',
      reached: true,
      summary: 'Agreed a surveyor visit on 10 March',
    },
  }),
  remedyCompleted: (actionId: string, occurredAt: Instant): ComplaintEvent => ({
    type: 'RemedyActionCompleted',
    data: { occurredAt, actionId, evidence: 'Job 88412: extractor fan fitted and tested' },
  }),
  compensationPaid: (occurredAt: Instant, amountPence = 5000): ComplaintEvent => ({
    type: 'CompensationPaid',
    data: { occurredAt, amountPence, kind: 'time_and_trouble', method: 'BACS' },
  }),
  /** Without a stage: as v1 stored it (it counts for the latest stage answered then). */
  satisfactionRecorded: (occurredAt: Instant, stage?: 1 | 2): ComplaintEvent => ({
    type: 'SatisfactionRecorded',
    data: {
      occurredAt,
      ...(stage ? { stage } : {}),
      withHandling: 'fairly_satisfied',
      withOutcome: 'very_satisfied',
      comment: 'Fan has made a big difference',
    },
  }),
  escalationRefused: (occurredAt: Instant, requestedAt: Instant = at.escalated): ComplaintEvent => ({
    type: 'EscalationRefused',
    data: {
      occurredAt,
      requestedAt,
      ground: 'legal_proceedings',
      explanation: 'The resident has issued a disrepair claim about the same damp',
      ombudsmanReferralRightGiven: true,
    },
  }),
  personalDataErased: (occurredAt: Instant): ComplaintEvent => ({
    type: 'PersonalDataErased',
    data: {
      occurredAt,
      dataSubjectId: DATA_SUBJECT_ID,
      basis: 'data_subject_request',
      reason: 'Subject access erasure request, retention not required',
    },
  }),
  referred: (occurredAt: Instant = '2026-05-11T10:00:00+01:00', ombudsmanReference = '202612345'): ComplaintEvent => ({
    type: 'OmbudsmanReferralRecorded',
    data: { occurredAt, ombudsmanReference },
  }),
  determined: (
    orders: { orderId: string; description: string; dueBy: string }[] = [
      { orderId: 'O1', description: 'Pay the resident £300 for distress and inconvenience', dueBy: '2026-08-14' },
    ],
    occurredAt: Instant = '2026-06-01T10:00:00+01:00',
  ): ComplaintEvent => ({
    type: 'OmbudsmanDeterminationRecorded',
    data: {
      occurredAt,
      ombudsmanReference: '202612345',
      findings: [{ element: 'Response to reports of damp and mould', finding: 'maladministration' }],
      orders,
    },
  }),
  orderComplied: (orderId = 'O1', occurredAt: Instant = '2026-06-15T10:00:00+01:00'): ComplaintEvent => ({
    type: 'OmbudsmanOrderComplied',
    data: { occurredAt, orderId, evidence: 'BACS remittance 2026-06-15 for £300' },
  }),
  legalHoldPlaced: (holdId = 'LH1', occurredAt: Instant = '2027-02-01T10:00:00Z'): ComplaintEvent => ({
    type: 'LegalHoldPlaced',
    data: { occurredAt, holdId, category: 'litigation', placedBy: admin.id },
  }),
  improvementActionPlanned: (
    lessonId = 'L1',
    occurredAt: Instant = '2026-05-01T10:00:00+01:00',
    dueBy = '2026-09-30',
  ): ComplaintEvent => ({
    type: 'ImprovementActionPlanned',
    data: { occurredAt, lessonId, owner: 'Repairs Manager', dueBy },
  }),
  improvementActionCompleted: (lessonId = 'L1', occurredAt: Instant = '2026-06-01T10:00:00+01:00'): ComplaintEvent => ({
    type: 'ImprovementActionCompleted',
    data: {
      occurredAt,
      lessonId,
      whatChanged: 'Second mould reports now book a damp survey automatically',
      evidence: 'Job scheduling rule DS-2 live since 1 June',
    },
  }),
  documentAttached: (documentId = 'D1', occurredAt: Instant = '2026-03-10T10:00:00Z'): ComplaintEvent => ({
    type: 'DocumentAttached',
    data: {
      occurredAt,
      documentId,
      sha256: 'a'.repeat(64),
      sizeBytes: 1_200_000,
      mediaType: 'image/jpeg',
      kind: 'photo',
      fileName: 'Mould behind Mrs Jones wardrobe.jpg',
      attachedBy: 'u-101',
    },
  }),
  legalHoldLifted: (holdId = 'LH1', occurredAt: Instant = '2028-02-01T10:00:00Z'): ComplaintEvent => ({
    type: 'LegalHoldLifted',
    data: { occurredAt, holdId, liftedBy: admin.id },
  }),
  /** A single point of contact, approved by the manager on 5 March 2026, review due 5 June 2026. */
  restrictionImposed: (
    restrictionId = 'R1',
    occurredAt: Instant = '2026-03-05T10:00:00Z',
    reviewDue = '2026-06-05',
  ): ComplaintEvent => ({
    type: 'RestrictionImposed',
    data: {
      occurredAt,
      restrictionId,
      kind: 'single_point_of_contact',
      reason: 'Forty calls in a week to different staff, some abusive',
      terms: 'Contact the case handler only, by phone on Tuesdays',
      approvedBy: { id: manager.id, name: manager.name },
      reviewDue,
    },
  }),
  restrictionReviewed: (
    restrictionId = 'R1',
    occurredAt: Instant = '2026-06-01T10:00:00+01:00',
    nextReviewDue = '2026-09-01',
  ): ComplaintEvent => ({
    type: 'RestrictionReviewed',
    data: {
      occurredAt,
      restrictionId,
      outcome: 'continued',
      notes: 'Calls now weekly, as agreed',
      reviewedBy: { id: manager.id, name: manager.name },
      nextReviewDue,
    },
  }),
  restrictionLifted: (restrictionId = 'R1', occurredAt: Instant = '2026-06-10T10:00:00+01:00'): ComplaintEvent => ({
    type: 'RestrictionLifted',
    data: {
      occurredAt,
      restrictionId,
      reason: 'Behaviour has improved',
      liftedBy: { id: manager.id, name: manager.name },
    },
  }),
  enquiryReceived: (
    enquiryId = 'E1',
    occurredAt: Instant = '2026-03-06T10:00:00Z',
    from: 'mp' | 'councillor' | 'other_representative_body' = 'mp',
  ): ComplaintEvent => ({
    type: 'EnquiryReceived',
    data: { occurredAt, enquiryId, from, who: 'Jane Smith MP', summary: 'Asks why the damp has not been treated' },
  }),
  enquiryAnswered: (enquiryId = 'E1', occurredAt: Instant = '2026-03-10T10:00:00Z'): ComplaintEvent => ({
    type: 'EnquiryAnswered',
    data: { occurredAt, enquiryId, channel: 'letter' },
  }),
};

/** The case at each point of its life: each history extends the one before. */
export const history = {
  received: [events.received()],
  get stage1Acknowledged(): ComplaintEvent[] {
    return [...history.received, events.acknowledged(1)];
  },
  get stage1Responded(): ComplaintEvent[] {
    return [...history.stage1Acknowledged, events.responded(1)];
  },
  get escalated(): ComplaintEvent[] {
    return [...history.stage1Responded, events.escalated()];
  },
  get stage2Acknowledged(): ComplaintEvent[] {
    return [...history.escalated, events.acknowledged(2)];
  },
  get stage2Responded(): ComplaintEvent[] {
    return [...history.stage2Acknowledged, events.responded(2)];
  },
  get closed(): ComplaintEvent[] {
    return [...history.stage2Responded, events.lessonRecorded(), events.closed()];
  },
  /** Closed after stage 1, without escalation. */
  get closedAtStageOne(): ComplaintEvent[] {
    return [
      ...history.stage1Responded,
      events.lessonRecorded('L1', '2026-03-23T09:00:00Z'),
      events.closed('2026-03-23T10:00:00Z'),
    ];
  },
  get withdrawn(): ComplaintEvent[] {
    return [...history.stage1Acknowledged, events.withdrawn('2026-03-06T12:00:00Z')];
  },
  get refused(): ComplaintEvent[] {
    return [...history.received, events.refused('2026-03-03T15:00:00Z')];
  },
};
