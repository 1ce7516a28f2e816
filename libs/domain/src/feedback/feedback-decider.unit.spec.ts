import {
  currentEvents,
  FEEDBACK_STREAM_EVENT_TYPES,
  feedbackCommandSchemas,
  type ComplaintEvent,
  type FeedbackCommand,
  type FeedbackCommandType,
} from '@complaints/contracts';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { fold, isRuleViolation } from '../decider';
import { feedbackDecider } from './feedback-decider';
import { feedbackRules, type FeedbackRule } from './feedback-rules';
import type { FeedbackState } from './feedback-state';

const ID = 'f-1';
const NOW = '2026-03-20T12:00:00Z';
const RECEIVED = '2026-03-10T09:00:00Z';
const officer = { id: 'u-officer', name: 'Olu Officer', role: 'complaints_officer' as const };

function command<K extends FeedbackCommandType>(
  type: K,
  data: z.input<(typeof feedbackCommandSchemas)[K]>,
): FeedbackCommand {
  return {
    type,
    data: feedbackCommandSchemas[type].parse(data),
    feedbackId: ID,
    now: NOW,
    actor: officer,
  } as FeedbackCommand;
}

const receive = (
  kind: 'compliment' | 'comment' | 'resolved_at_first_contact' | 'service_request',
  extra: Record<string, unknown> = {},
) =>
  command('ReceiveFeedback', {
    kind,
    receivedAt: RECEIVED,
    channel: 'phone',
    serviceArea: 'Repairs',
    summary: 'About the repair.',
    dataSubjectId: 'ds-f1',
    ...extra,
  });

const received = (kind: Parameters<typeof receive>[0], extra: Record<string, unknown> = {}): ComplaintEvent => ({
  type: 'FeedbackReceived',
  data: {
    occurredAt: RECEIVED,
    feedbackId: ID,
    dataSubjectId: 'ds-f1',
    kind,
    channel: 'phone',
    serviceArea: 'Repairs',
    summary: 'About the repair.',
    ...extra,
  },
});
const converted: ComplaintEvent = {
  type: 'FeedbackConvertedToComplaint',
  data: { occurredAt: '2026-03-12T10:00:00Z', complaintId: 'c-1', reference: 'CMP-2026-00001' },
};

function given(history: readonly ComplaintEvent[]) {
  return {
    when(cmd: FeedbackCommand) {
      const outcome = feedbackDecider.decide(cmd, fold(feedbackDecider, history));
      return {
        then(expected: readonly ComplaintEvent[]): FeedbackState {
          if (isRuleViolation(outcome))
            expect.fail(`expected events, but ${outcome.rule} refused ${cmd.type}: ${outcome.message}`);
          expect(outcome).toEqual(expected);
          for (const event of outcome)
            expect((currentEvents[event.type].schema as z.ZodType).safeParse(event.data).error).toBeUndefined();
          return fold(feedbackDecider, [...history, ...outcome]);
        },
        thenViolates(rule: FeedbackRule) {
          if (!isRuleViolation(outcome))
            expect.fail(`expected ${rule.id}, but ${cmd.type} emitted ${JSON.stringify(outcome.map((e) => e.type))}`);
          expect(outcome.rule).toBe(rule.id);
          expect(outcome.message.startsWith(rule.message)).toBe(true);
        },
      };
    },
  };
}

describe('feedback: receipt', () => {
  it('a compliment is received with the staff member and team it praises', () => {
    const state = given([])
      .when(
        receive('compliment', {
          staffMember: 'Priya Shah',
          team: 'Repairs north',
          channel: 'telephone',
          from: { name: 'Ann Lee' },
        }),
      )
      .then([received('compliment', { staffMember: 'Priya Shah', team: 'Repairs north', from: { name: 'Ann Lee' } })]);
    expect(state).toMatchObject({
      status: 'received',
      kind: 'compliment',
      receivedAt: RECEIVED,
      serviceArea: 'Repairs',
    });
  });

  it('only a compliment names a staff member or team', () => {
    given([])
      .when(receive('comment', { staffMember: 'Priya Shah' }))
      .thenViolates(feedbackRules.staffOnlyForCompliments);
    given([])
      .when(receive('service_request', { team: 'Repairs north' }))
      .thenViolates(feedbackRules.staffOnlyForCompliments);
  });

  it('is received once, and not in the future', () => {
    given([received('comment')])
      .when(receive('comment'))
      .thenViolates(feedbackRules.alreadyReceived);
    given([])
      .when(receive('comment', { receivedAt: '2026-03-21T09:00:00Z' }))
      .thenViolates(feedbackRules.occurredInFuture);
  });

  it('nothing is recorded against an item never received', () => {
    given([])
      .when(command('ShareFeedback', { sharedAt: NOW, sharedWith: 'Priya Shah' }))
      .thenViolates(feedbackRules.notReceived);
  });
});

describe('feedback: sharing a compliment (Salix §35)', () => {
  it('a compliment is shared, by whoever records it, as often as it is shared', () => {
    const first: ComplaintEvent = {
      type: 'FeedbackShared',
      data: { occurredAt: '2026-03-11T09:00:00Z', sharedWith: 'Priya Shah', sharedBy: 'u-officer' },
    };
    const state = given([received('compliment')])
      .when(command('ShareFeedback', { sharedAt: '2026-03-11T09:00:00Z', sharedWith: 'Priya Shah' }))
      .then([first]);
    expect(state).toMatchObject({ sharedAt: ['2026-03-11T09:00:00Z'] });
    given([received('compliment'), first])
      .when(command('ShareFeedback', { sharedAt: '2026-03-11T10:00:00Z', sharedWith: 'Repairs north' }))
      .then([
        {
          type: 'FeedbackShared',
          data: { occurredAt: '2026-03-11T10:00:00Z', sharedWith: 'Repairs north', sharedBy: 'u-officer' },
        },
      ]);
  });

  it('only a compliment is shared, and not before it was received', () => {
    given([received('comment')])
      .when(command('ShareFeedback', { sharedAt: NOW, sharedWith: 'Priya' }))
      .thenViolates(feedbackRules.shareOnlyCompliments);
    given([received('compliment')])
      .when(command('ShareFeedback', { sharedAt: '2026-03-09T09:00:00Z', sharedWith: 'Priya' }))
      .thenViolates(feedbackRules.occurredBeforeReceipt);
  });
});

describe('feedback: passing a comment to the service manager', () => {
  it('a comment or a concern resolved at first contact is passed on', () => {
    given([received('comment')])
      .when(
        command('PassFeedbackToManager', {
          passedAt: '2026-03-11T09:00:00Z',
          manager: 'Sam Head',
          note: 'For the team meeting.',
        }),
      )
      .then([
        {
          type: 'FeedbackPassedToManager',
          data: {
            occurredAt: '2026-03-11T09:00:00Z',
            manager: 'Sam Head',
            note: 'For the team meeting.',
            passedBy: 'u-officer',
          },
        },
      ]);
    given([received('resolved_at_first_contact')])
      .when(command('PassFeedbackToManager', { passedAt: '2026-03-11T09:00:00Z', manager: 'Sam Head' }))
      .then([
        {
          type: 'FeedbackPassedToManager',
          data: { occurredAt: '2026-03-11T09:00:00Z', manager: 'Sam Head', passedBy: 'u-officer' },
        },
      ]);
  });

  it('not a compliment or service request, and not once it became a complaint', () => {
    const pass = command('PassFeedbackToManager', { passedAt: NOW, manager: 'Sam Head' });
    given([received('compliment')])
      .when(pass)
      .thenViolates(feedbackRules.passOnlyComments);
    given([received('service_request')])
      .when(pass)
      .thenViolates(feedbackRules.passOnlyComments);
    given([received('resolved_at_first_contact'), converted])
      .when(pass)
      .thenViolates(feedbackRules.convertedToComplaint);
  });
});

describe('feedback: completing a service request (Code 1.4)', () => {
  const complete = command('CompleteServiceRequest', {
    completedAt: '2026-03-15T09:00:00Z',
    outcome: 'Gutter cleared.',
  });
  const completed: ComplaintEvent = {
    type: 'ServiceRequestCompleted',
    data: { occurredAt: '2026-03-15T09:00:00Z', outcome: 'Gutter cleared.', completedBy: 'u-officer' },
  };

  it('a service request is completed once', () => {
    const state = given([received('service_request')])
      .when(complete)
      .then([completed]);
    expect(state).toMatchObject({ completedAt: '2026-03-15T09:00:00Z' });
    given([received('service_request'), completed])
      .when(complete)
      .thenViolates(feedbackRules.serviceRequestAlreadyCompleted);
  });

  it('only a service request, and not once it became a complaint', () => {
    given([received('comment')])
      .when(complete)
      .thenViolates(feedbackRules.completeOnlyServiceRequests);
    given([received('service_request'), converted])
      .when(complete)
      .thenViolates(feedbackRules.convertedToComplaint);
  });
});

describe('feedback: turned into a formal complaint', () => {
  const convert = (complaintId = 'c-1', convertedAt = '2026-03-12T10:00:00Z') =>
    command('RecordFeedbackConversion', { convertedAt, complaintId, reference: 'CMP-2026-00001' });

  it('a concern resolved at first contact or a service request (even one completed) becomes a complaint', () => {
    const state = given([received('resolved_at_first_contact')])
      .when(convert())
      .then([converted]);
    expect(state).toMatchObject({
      conversion: { complaintId: 'c-1', reference: 'CMP-2026-00001', convertedAt: '2026-03-12T10:00:00Z' },
    });
    const completed: ComplaintEvent = {
      type: 'ServiceRequestCompleted',
      data: { occurredAt: '2026-03-11T09:00:00Z', completedBy: 'u-officer' },
    };
    given([received('service_request'), completed])
      .when(convert())
      .then([converted]);
  });

  it('a compliment or a comment does not', () => {
    given([received('compliment')])
      .when(convert())
      .thenViolates(feedbackRules.convertOnlyConcerns);
    given([received('comment')])
      .when(convert())
      .thenViolates(feedbackRules.convertOnlyConcerns);
  });

  it('once: the same complaint again (a retry finishing the link) records nothing; another complaint is refused', () => {
    given([received('service_request'), converted])
      .when(convert())
      .then([]);
    given([received('service_request'), converted])
      .when(convert('c-2'))
      .thenViolates(feedbackRules.alreadyConverted);
  });

  it('not before the feedback was received, nor in the future', () => {
    given([received('service_request')])
      .when(convert('c-1', '2026-03-01T10:00:00Z'))
      .thenViolates(feedbackRules.occurredBeforeReceipt);
    given([received('service_request')])
      .when(convert('c-1', '2026-03-30T10:00:00Z'))
      .thenViolates(feedbackRules.occurredInFuture);
  });
});

describe('feedback: every event of a feedback stream', () => {
  it('is emitted by the feedback decider, and no other', () => {
    const run = (history: ComplaintEvent[], commands: FeedbackCommand[]) => {
      let state = fold(feedbackDecider, history);
      const emitted: ComplaintEvent[] = [...history];
      for (const cmd of commands) {
        const outcome = feedbackDecider.decide(cmd, state);
        if (isRuleViolation(outcome)) expect.fail(`${cmd.type} refused by ${outcome.rule}`);
        emitted.push(...outcome);
        state = outcome.reduce(feedbackDecider.evolve, state);
      }
      return emitted;
    };
    const types = new Set(
      [
        ...run([], [receive('compliment'), command('ShareFeedback', { sharedAt: NOW, sharedWith: 'Priya' })]),
        ...run([], [receive('comment'), command('PassFeedbackToManager', { passedAt: NOW, manager: 'Sam Head' })]),
        ...run(
          [],
          [
            receive('service_request'),
            command('CompleteServiceRequest', { completedAt: NOW }),
            command('RecordFeedbackConversion', { convertedAt: NOW, complaintId: 'c-1', reference: 'R' }),
          ],
        ),
      ].map((e) => e.type),
    );
    expect([...types].sort()).toEqual([...FEEDBACK_STREAM_EVENT_TYPES].sort());
  });
});
