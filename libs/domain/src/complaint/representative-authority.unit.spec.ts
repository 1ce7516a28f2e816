import type { ComplaintEvent } from '@complaints/contracts';
import { describe, expect, it } from 'vitest';
import { fold } from '../decider';
import { representativeAuthorityOf } from './casework/representative-authority';
import { complaintDecider } from './complaint-decider';
import { complaintRules } from './rules';
import { caseworkAt, caseworkEvents } from './testing/casework-fixtures';
import { command, events, history, officer } from './testing/fixtures';
import { given } from './testing/given-when-then';

const REPRESENTATIVE = { name: 'Leanne Ellis', relationship: 'Daughter' };
const withRepresentative = (authorityConfirmed: boolean): ComplaintEvent[] => [
  events.received({ representative: { ...REPRESENTATIVE, authorityConfirmed } }),
  events.acknowledged(1),
];
const recordAuthority = (confirmedAt: string = caseworkAt.authorityConfirmed, expiresOn?: string) =>
  command('RecordRepresentativeAuthority', {
    confirmedAt,
    basis: 'power_of_attorney',
    ...(expiresOn ? { expiresOn } : {}),
  });
const withdraw = (withdrawnAt: string) => command('WithdrawRepresentativeAuthority', { withdrawnAt });
const contact = (
  at: string,
  input: { with?: 'resident' | 'representative'; direction?: 'inbound' | 'outbound' } = {},
) =>
  command('LogContact', {
    at,
    direction: input.direction ?? 'outbound',
    channel: 'phone',
    reached: true,
    summary: 'Explained the surveyor visit',
    ...(input.with ? { with: input.with } : {}),
  });

const authorityAt = (history: readonly ComplaintEvent[], at: string) =>
  representativeAuthorityOf(fold(complaintDecider, history), at);

describe('representative authority: recording it', () => {
  it('records how it was given, when confirmed, until when, and who confirmed it', () => {
    given(withRepresentative(false))
      .when(recordAuthority(caseworkAt.authorityConfirmed, '2026-12-31'))
      .then([caseworkEvents.authorityRecorded(caseworkAt.authorityConfirmed, '2026-12-31')]);
  });

  it('cannot expire before the day it was confirmed', () => {
    given(withRepresentative(false))
      .when(recordAuthority('2026-03-03T09:00:00Z', '2026-03-02'))
      .thenViolates(complaintRules.authorityExpiresBeforeConfirmed);
  });

  it('may be recorded after the complaint ended: contacts after closure need it too', () => {
    given(history.closed)
      .when(recordAuthority('2026-05-01T10:00:00+01:00'))
      .then([caseworkEvents.authorityRecorded('2026-05-01T10:00:00+01:00')]);
  });

  it('is withdrawn only while it is in place', () => {
    const granted = [...withRepresentative(false), caseworkEvents.authorityRecorded()];
    given(granted)
      .when(withdraw('2026-03-10T10:00:00Z'))
      .then([caseworkEvents.authorityWithdrawn('2026-03-10T10:00:00Z')]);
    given(withRepresentative(false))
      .when(withdraw('2026-03-10T10:00:00Z'))
      .thenViolates(complaintRules.representativeAuthorityNotInPlace);
    given([...granted, caseworkEvents.authorityWithdrawn('2026-03-10T10:00:00Z')])
      .when(withdraw('2026-03-11T10:00:00Z'))
      .thenViolates(complaintRules.representativeAuthorityNotInPlace);
  });
});

describe('representativeAuthorityOf', () => {
  it('is none without a grant, and none before the grant was confirmed', () => {
    expect(authorityAt(withRepresentative(false), '2026-03-10T10:00:00Z')).toBeNull();
    const granted = [...withRepresentative(false), caseworkEvents.authorityRecorded()];
    expect(authorityAt(granted, '2026-03-03T08:59:59Z')).toBeNull();
    expect(authorityAt(granted, '2026-03-03T09:00:00Z')).toEqual({
      basis: 'power_of_attorney',
      confirmedAt: caseworkAt.authorityConfirmed,
      expiresOn: null,
      confirmedBy: officer.id,
    });
  });

  it('holds to the end of its expiry day in London, not after', () => {
    const granted = [
      ...withRepresentative(false),
      caseworkEvents.authorityRecorded(caseworkAt.authorityConfirmed, '2026-06-30'),
    ];
    // 23:30 UTC on 30 June is already 1 July in London (BST).
    expect(authorityAt(granted, '2026-06-30T22:59:00Z')).not.toBeNull();
    expect(authorityAt(granted, '2026-06-30T23:30:00Z')).toBeNull();
  });

  it('ends at its withdrawal, and a back-dated question still sees it as it was then', () => {
    const withdrawn = [
      ...withRepresentative(false),
      caseworkEvents.authorityRecorded(),
      caseworkEvents.authorityWithdrawn('2026-03-10T10:00:00Z'),
    ];
    expect(authorityAt(withdrawn, '2026-03-09T10:00:00Z')).not.toBeNull();
    expect(authorityAt(withdrawn, '2026-03-10T10:00:00Z')).toBeNull();
  });

  it('counts the receipt’s authorityConfirmed as written consent confirmed at receipt (older records)', () => {
    const received = withRepresentative(true);
    expect(authorityAt(received, '2026-03-05T10:00:00Z')).toEqual({
      basis: 'written_consent',
      confirmedAt: '2026-03-02T09:15:00Z',
      expiresOn: null,
      confirmedBy: null,
    });
    expect(authorityAt(received, '2026-03-02T09:00:00Z')).toBeNull();
  });
});

describe('contact with the representative', () => {
  it('is recorded with them while their authority is current', () => {
    given([...withRepresentative(false), caseworkEvents.authorityRecorded()])
      .when(contact('2026-03-05T10:00:00Z', { with: 'representative' }))
      .then([
        {
          type: 'ContactLogged',
          data: {
            occurredAt: '2026-03-05T10:00:00Z',
            direction: 'outbound',
            channel: 'phone',
            reached: true,
            summary: 'Explained the surveyor visit',
            with: 'representative',
          },
        },
      ]);
  });

  it('is refused when the landlord reaches out without authority current then: none, expired or withdrawn', () => {
    given(withRepresentative(false))
      .when(contact('2026-03-05T10:00:00Z', { with: 'representative' }))
      .thenViolates(complaintRules.contactWithRepresentativeNeedsAuthority);
    given([...withRepresentative(false), caseworkEvents.authorityRecorded(caseworkAt.authorityConfirmed, '2026-03-04')])
      .when(contact('2026-03-05T10:00:00Z', { with: 'representative' }))
      .thenViolates(complaintRules.contactWithRepresentativeNeedsAuthority);
    given([
      ...withRepresentative(false),
      caseworkEvents.authorityRecorded(),
      caseworkEvents.authorityWithdrawn('2026-03-04T10:00:00Z'),
    ])
      .when(contact('2026-03-05T10:00:00Z', { with: 'representative' }))
      .thenViolates(complaintRules.contactWithRepresentativeNeedsAuthority);
  });

  it('is allowed on the authority confirmed at receipt', () => {
    given(withRepresentative(true))
      .when(contact('2026-03-05T10:00:00Z', { with: 'representative' }))
      .then([expect.objectContaining({ type: 'ContactLogged' })]);
  });

  it('a call from the representative is recorded as it happened, authority or not', () => {
    given(withRepresentative(false))
      .when(contact('2026-03-05T10:00:00Z', { with: 'representative', direction: 'inbound' }))
      .then([expect.objectContaining({ type: 'ContactLogged' })]);
  });

  it('a contact is with the resident unless told otherwise (no `with` on the event, as before v3)', () => {
    const state = given(withRepresentative(false))
      .when(contact('2026-03-05T10:00:00Z'))
      .then([expect.objectContaining({ data: expect.not.objectContaining({ with: expect.anything() }) })]);
    expect(state.status !== 'not_received' && state.contacts.map((c) => c.with)).toEqual(['resident']);
  });
});
