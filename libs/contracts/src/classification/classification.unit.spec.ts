import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineEvent } from '../define-event';
import { Instant, ShortText, Text } from '../primitives';
import { allEventVersions, complaintEventTypes, currentEvents } from '../registry';
import { NOT_PERSONAL, NOT_PERSONAL_REASONS, notPersonalReasonOf } from './not-personal';
import { stringFieldPaths } from './string-fields';
import { isUnderPaths, unclassifiedStringFields } from './unclassified-fields';

describe('every string field of every event version has a classification decision', () => {
  it('is personal in its version or not personal with a reason, never both and never neither', () => {
    expect(allEventVersions.flatMap(unclassifiedStringFields)).toEqual([]);
  });

  it('fails on a new free-text field nobody decided about (the check is not vacuous)', () => {
    const added = defineEvent({
      type: 'LessonRecorded',
      schemaVersion: 99,
      description: 'test only',
      personal: ['lesson'],
      schema: z.strictObject({ occurredAt: Instant, lessonId: ShortText, lesson: Text(10), note: Text(10).optional() }),
    });
    expect(unclassifiedStringFields(added)).toEqual([
      'LessonRecorded v99 note: no decision (personal, or NOT_PERSONAL with a reason)',
    ]);
    const both = { ...added, personal: ['lesson', 'lessonId'] };
    expect(unclassifiedStringFields(both)).toEqual([
      'LessonRecorded v99 lessonId: both personal and not personal (identifier)',
      'LessonRecorded v99 note: no decision (personal, or NOT_PERSONAL with a reason)',
    ]);
  });

  it('walks nested objects and arrays, leaving out dates, instants and enums', () => {
    expect(stringFieldPaths(currentEvents.StageResponseIssued.schema)).toEqual(
      expect.arrayContaining([
        'decisions[].head',
        'decisions[].reasons',
        'remedies.actions[].actionId',
        'remedies.actions[].description',
      ]),
    );
    const received = stringFieldPaths(currentEvents.ComplaintReceived.schema);
    expect(received).toEqual(
      expect.arrayContaining(['complainant.name', 'complainant.email', 'representative.relationship', 'category']),
    );
    for (const notText of ['occurredAt', 'issueKnownSince', 'tenure', 'channel'])
      expect(received).not.toContain(notText);
  });

  it('names in NOT_PERSONAL only fields some version of the type has, for types that exist, with a known reason', () => {
    const stale: string[] = [];
    for (const [type, decisions] of Object.entries(NOT_PERSONAL)) {
      if (!(complaintEventTypes as string[]).includes(type)) stale.push(`${type} (no such event)`);
      const paths = new Set(allEventVersions.filter((d) => d.type === type).flatMap((d) => stringFieldPaths(d.schema)));
      for (const [path, decision] of Object.entries(decisions ?? {})) {
        if (!paths.has(path)) stale.push(`${type}.${path} (in no version)`);
        for (const reason of typeof decision === 'string' ? [decision] : Object.values(decision)) {
          if (!(reason in NOT_PERSONAL_REASONS)) stale.push(`${type}.${path} (unknown reason ${reason})`);
        }
      }
    }
    expect(stale).toEqual([]);
  });
});

describe('fields classified after they were first written', () => {
  it('a field an old version holds in clear is personal in the current version, and not also encrypted in the old one', () => {
    const undecided: string[] = [];
    for (const old of allEventVersions) {
      const current = currentEvents[old.type as keyof typeof currentEvents];
      for (const path of old.personalInClear ?? []) {
        if (!isUnderPaths(path, current.personal)) undecided.push(`${old.type} v${old.schemaVersion} ${path}`);
        if (old.personal.includes(path))
          undecided.push(`${old.type} v${old.schemaVersion} ${path} (both encrypted and in clear)`);
      }
    }
    expect(undecided).toEqual([]);
    expect(allEventVersions.filter((d) => d.personalInClear).length).toBeGreaterThan(5);
  });

  it('reads free-text channels of old versions as a vocabulary: the reasons change with the version', () => {
    expect(notPersonalReasonOf('ContactLogged', 1, 'channel')).toBe('legacy-vocabulary');
    expect(notPersonalReasonOf('ContactLogged', 2, 'channel')).toBe('vocabulary');
    expect(notPersonalReasonOf('ComplaintReceived', 2, 'category')).toBe('organisation-label');
    expect(notPersonalReasonOf('ComplaintReceived', 1, 'complainantName')).toBeUndefined();
  });

  it('the current version of a type holds nothing personal in clear: new events encrypt every personal field', () => {
    expect(
      Object.values(currentEvents)
        .filter((d) => (d.personalInClear ?? []).length > 0)
        .map((d) => d.type),
    ).toEqual([]);
  });

  it('classifies the free text issue 12 named as personal in the current versions', () => {
    const personal = (type: keyof typeof currentEvents) => currentEvents[type].personal;
    expect(personal('ExtensionAgreed')).toEqual(expect.arrayContaining(['reason', 'goodReason']));
    expect(personal('ComplaintAssigned')).toContain('reason');
    expect(personal('ComplaintClosed')).toEqual(expect.arrayContaining(['outcome', 'lessonsNotApplicableReason']));
    expect(personal('LessonRecorded')).toEqual(
      expect.arrayContaining(['lesson', 'rootCause', 'improvementAction', 'owner']),
    );
    expect(personal('CompensationPaid')).toContain('method');
    expect(personal('OmbudsmanDeterminationRecorded')).toEqual(
      expect.arrayContaining(['findings[].element', 'orders[].description']),
    );
    expect(personal('OmbudsmanOrderComplied')).toContain('evidence');
    expect(personal('RemedyActionCompleted')).toContain('evidence');
    expect(personal('PersonalDataErased')).toContain('reason');
    // Category and channel are vocabularies instead (docs/domain.md, "Personal data").
    expect(notPersonalReasonOf('ComplaintReceived', currentEvents.ComplaintReceived.schemaVersion, 'category')).toBe(
      'vocabulary',
    );
    expect(stringFieldPaths(currentEvents.ContactLogged.schema)).not.toContain('channel');
  });
});
