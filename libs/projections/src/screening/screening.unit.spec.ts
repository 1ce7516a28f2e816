import type { ComplaintReceived } from '@complaints/contracts';
import { ERASED } from '@complaints/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_TERMS, personalTermsOf, REDACTED, redactGenericPatterns, screenText, type PersonalTerms } from '.';

const BOB: PersonalTerms = {
  names: ['Mr Bob Tenant', 'Alice Smith-Jones'],
  emails: ['bob.tenant@example.org'],
  phones: ['07700 900123'],
  addresses: ['4 Acacia Road, Leeds LS6 2AB'],
};

describe('screenText: the complaint’s own personal data', () => {
  it.each([
    ['Mr Bob Tenant of 4 Acacia Road said the repair failed', '[redacted] of [redacted] said the repair failed'],
    ['Called mr tenant twice', 'Called [redacted] twice'],
    ['Bob’s boiler', '[redacted]’s boiler'],
    ["Bob's boiler", "[redacted]'s boiler"],
    ['BOB TENANT complained', '[redacted] complained'],
    ['Bob  Tenant (line\nbreak) and Bob\nTenant', '[redacted] (line\nbreak) and [redacted]'],
    ['Spoke to Ms Smith-Jones and to Jones', 'Spoke to [redacted] and to [redacted]'],
    ['Alice Smith-Jones is the representative', '[redacted] is the representative'],
    ['Wrote to bob.tenant@example.org', 'Wrote to [redacted]'],
    [
      'Rang 07700-900-123, then +44 7700 900123, then (07700) 900 123',
      'Rang [redacted], then [redacted], then [redacted]',
    ],
    ['Visited 4, Acacia Road', 'Visited [redacted]'],
    ['The Acacia Road block', 'The [redacted] block'],
    ['Visited 4 Acacia Road, Leeds LS6 2AB yesterday', 'Visited [redacted], Leeds [redacted] yesterday'],
  ])('%j → %j', (text, screened) => {
    expect(screenText(text, BOB)).toBe(screened);
  });

  it('takes a short part of a name only after a title (or in the full name), never inside words', () => {
    const wu: PersonalTerms = { ...NO_TERMS, names: ['Li Wu'] };
    expect(screenText('Mr Wu and Li Wu; Wu alone; Wuhan; Lillian', wu)).toBe(
      '[redacted] and [redacted]; Wu alone; Wuhan; Lillian',
    );
    expect(screenText('Bobby and Tenants’ association; Bobcat', BOB)).toBe('Bobby and Tenants’ association; Bobcat');
  });

  it('leaves a town alone (it names no one) and a house number on its own', () => {
    expect(screenText('The Leeds office fixed 4 boilers', BOB)).toBe('The Leeds office fixed 4 boilers');
  });

  it('takes the terms of the receipt: complainant and representative, none once erased', () => {
    const received = {
      complainant: {
        name: 'Margaret Ellis',
        email: 'm@example.org',
        phone: '0161 496 0000',
        address: 'Flat 4, 18 Weaste Lane, Salford M5 2JH',
      },
      representative: { name: 'Tom Ellis', relationship: 'son', authorityConfirmed: true },
    } as unknown as ComplaintReceived;
    const terms = personalTermsOf(received);
    expect(terms).toEqual({
      names: ['Margaret Ellis', 'Tom Ellis'],
      emails: ['m@example.org'],
      phones: ['0161 496 0000'],
      addresses: ['Flat 4, 18 Weaste Lane, Salford M5 2JH'],
    });
    expect(screenText('Margaret and Tom at Flat 4 (18 Weaste Lane); Mrs Ellis rang from 0161 4960000', terms)).toBe(
      '[redacted] and [redacted] at [redacted] ([redacted]); [redacted] rang from [redacted]',
    );
    expect(personalTermsOf({ complainant: ERASED, representative: ERASED } as unknown as ComplaintReceived)).toEqual(
      NO_TERMS,
    );
    expect(personalTermsOf({ complainant: { name: 'Jo' } } as unknown as ComplaintReceived).names).toEqual(['Jo']);
  });
});

describe('redactGenericPatterns: contact details of anyone', () => {
  it.each([
    ['email anna.b+x@council.gov.uk today', 'email [redacted] today'],
    ['Ring 0113 496 0000 or 0113-496-0000 or (0113) 496 0000', 'Ring [redacted] or [redacted] or [redacted]'],
    ['Mobile 07700 900123, 07700900123, +447700900123', 'Mobile [redacted], [redacted], [redacted]'],
    ['Rang 07700 900123 2 times on 0161.496.0000', 'Rang [redacted] 2 times on [redacted]'],
    ['London 020 7946 0000 / +44 20 7946 0000 / +44 (0)20 7946 0000', 'London [redacted] / [redacted] / [redacted]'],
    [
      'Postcodes M5 2JH, ls6 2ab, SW1A 1AA, EC1A1BB, GIR 0AA',
      'Postcodes [redacted], [redacted], [redacted], [redacted], [redacted]',
    ],
  ])('%j → %j', (text, screened) => {
    expect(redactGenericPatterns(text)).toBe(screened);
  });

  it.each([
    'Repairs team to call back within 2 working days',
    'Due 2026-03-18, extended to 25/03/2026 (10 working days)',
    'Between 2026-03-18 2026-03-18 and 01/04/2026 01/05/2026',
    'Compensation of £1,250.50 and £50 offered; 0.5% of cases',
    'Reference CMP-2026-000123 and case 12345678',
    'Stage 1 response at 10:30 on 1 April 2026; Q1 2026-27',
    'CH01 1st and CH02 2nd; priority A1 1st stage; B2 2nd visit',
    'Damp and mould: 3 visits, 4pm slot, ASB case, M&E contractor',
    'Version 2.0.1 of the policy, para 6.15 and 5.11',
    'An email about the @repairs channel; user@localhost',
  ])('leaves %j unchanged', (text) => {
    expect(screenText(text, NO_TERMS)).toBe(text);
    expect(screenText(text, BOB)).toBe(text);
  });
});

/** Ordinary words of a lesson (none is a name or part of one below). */
const WORDS = [
  'the',
  'repairs',
  'team',
  'damp',
  'mould',
  'survey',
  'call',
  'back',
  'within',
  'working',
  'days',
  'Stage',
  'response',
  'late',
  'apology',
  'contractor',
  'boiler',
  'inspection',
  'policy',
  'Code',
  'extension',
  'officer',
  'weekly',
  'log',
  'review',
  '£250',
  '£1,000.00',
  '2026-03-18',
  '18/03/2026',
  '10',
  '5',
  'WD',
  'CH02',
  'April',
  'manager',
  'Estates',
  'Housing',
  'ASB',
  'and',
  'of',
  'to',
  'a',
];
const SEPARATORS = [' ', ', ', '. ', '; ', ' - ', '\n'];
const ordinaryText = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 20 })
  .map((pairs) =>
    pairs
      .map(([w, s]) => w + s)
      .join('')
      .trim(),
  );

const FIRST = ['Bob', 'Margaret', 'Priyanka', 'Olu', 'Siobhan', 'Chen', 'Zofia'];
const LAST = ['Tenant', 'Ellis', 'Okonkwo', 'Nowak', "O'Brien", 'Hughes-Lloyd', 'Fairweather'];
const person = fc.tuple(fc.constantFrom(...FIRST), fc.constantFrom(...LAST));
/** A UK mobile written as people write it. */
const mobile = fc.tuple(
  fc.integer({ min: 100000000, max: 999999999 }),
  fc.constantFrom('national', 'spaced', 'dashed', 'international', 'international-spaced'),
);
function formatMobile([n, style]: [number, string]): { stored: string; typed: string } {
  const rest = `7${n}`; // 10 digits after the 0
  const stored = `0${rest}`;
  const typed =
    style === 'national'
      ? stored
      : style === 'spaced'
        ? `0${rest.slice(0, 4)} ${rest.slice(4)}`
        : style === 'dashed'
          ? `0${rest.slice(0, 4)}-${rest.slice(4, 7)}-${rest.slice(7)}`
          : style === 'international'
            ? `+44${rest}`
            : `+44 ${rest.slice(0, 4)} ${rest.slice(4)}`;
  return { stored, typed };
}
const postcode = fc
  .tuple(
    fc.constantFrom('M', 'LS', 'SW', 'B', 'EC', 'NE'),
    fc.integer({ min: 1, max: 29 }),
    fc.integer({ min: 0, max: 9 }),
    fc.constantFrom('AB', 'JH', 'XY', 'DN', 'AA'),
  )
  .map(([area, district, sector, unit]) => `${area}${district} ${sector}${unit}`);

describe('properties', () => {
  it('ordinary text passes unchanged, whoever the complainant is', () => {
    fc.assert(
      fc.property(ordinaryText, person, (text, [first, last]) => {
        const terms: PersonalTerms = {
          names: [`${first} ${last}`],
          emails: [`${first.toLowerCase()}@example.org`],
          phones: ['07700 900123'],
          addresses: ['4 Acacia Road, Leeds LS6 2AB'],
        };
        expect(screenText(text, terms)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('a planted name, title, email, phone or postcode never survives, however it is cased or written', () => {
    fc.assert(
      fc.property(
        ordinaryText,
        ordinaryText,
        person,
        fc.constantFrom('full', 'first', 'last', 'titled', 'upper', 'lower'),
        mobile,
        postcode,
        (before, after, [first, last], form, phone, code) => {
          const { stored, typed } = formatMobile(phone);
          const name =
            form === 'full'
              ? `${first} ${last}`
              : form === 'first'
                ? first
                : form === 'last'
                  ? last
                  : form === 'titled'
                    ? `Mrs ${last}`
                    : form === 'upper'
                      ? `${first} ${last}`.toUpperCase()
                      : `${first} ${last}`.toLowerCase();
          const terms: PersonalTerms = { names: [`${first} ${last}`], emails: [], phones: [stored], addresses: [] };
          const text = `${before} ${name} rang from ${typed} (${code}), contact x.${last.toLowerCase().replace(/\W/g, '')}@mail.example.com. ${after}`;
          const screened = screenText(text, terms);
          for (const secret of [first, ...last.split('-'), typed, stored, code, '@']) {
            expect(screened.toLowerCase(), `${JSON.stringify(text)} → ${JSON.stringify(screened)}`).not.toContain(
              secret.toLowerCase(),
            );
          }
          expect(screened.startsWith(before)).toBe(true);
          expect(screened.endsWith(after)).toBe(true);
          expect(screened).toContain(REDACTED);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('screening twice is screening once', () => {
    fc.assert(
      fc.property(ordinaryText, person, (text, [first, last]) => {
        const terms: PersonalTerms = { ...NO_TERMS, names: [`${first} ${last}`] };
        const once = screenText(`${text} ${first} ${last} 0113 496 0000`, terms);
        expect(screenText(once, terms)).toBe(once);
      }),
    );
  });
});
