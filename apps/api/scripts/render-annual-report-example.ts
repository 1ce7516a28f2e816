/**
 * Renders docs/examples/annual-report-2025.pdf (and the Member Responsible for Complaints'
 * report for 2025-Q3) from a fictional landlord's reporting year, seeded through the API of a
 * running service on a fresh store, so the example is what the service itself produces:
 *
 *   DATA_DIR=$(mktemp -d) KEYS_DIR=$(mktemp -d) ORG_NAME="Northbrook Homes" ORG_HOMES=8200 PORT=3999 npm start &
 *   TOKEN=$(DATA_DIR=… KEYS_DIR=… npm run -s token -- --role complaints_manager)
 *   REVIEWER_TOKEN=$(DATA_DIR=… KEYS_DIR=… npm run -s token -- --role complaints_manager --sub reviewer --name "Stage 2 Reviewer")
 *   BASE_URL=http://127.0.0.1:3999 TOKEN=$TOKEN REVIEWER_TOKEN=$REVIEWER_TOKEN npx tsx --tsconfig tsconfig.base.json apps/api/scripts/render-annual-report-example.ts
 *
 * The caseload is drawn from a fixed seed, so it is the same each time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const BASE = process.env['BASE_URL'] ?? 'http://127.0.0.1:3999';
const TOKEN = process.env['TOKEN'] ?? '';
/** Another manager's token (--sub): stage 2 is reviewed by someone who did not act on stage 1 (Code 6.13). */
const REVIEWER_TOKEN = process.env['REVIEWER_TOKEN'] ?? '';
const OUT = resolve(__dirname, '..', '..', '..', 'docs', 'examples');

let seed = 20250401;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

async function post(path: string, body: unknown, token = TOKEN): Promise<{ id: string; reference: string }> {
  const res = await fetch(`${BASE}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; reference: string };
}

/** A weekday `days` calendar days after `date` (weekends skipped forward), at 10:00 UTC. */
function after(date: string, days: number): string {
  const d = new Date(`${date.slice(0, 10)}T10:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

const AREAS = [
  { area: 'Repairs', categories: ['damp and mould', 'repair not completed', 'missed appointment'], weight: 14 },
  { area: 'Neighbourhoods', categories: ['anti-social behaviour', 'communal cleaning'], weight: 6 },
  { area: 'Lettings and rents', categories: ['rent account', 'allocation'], weight: 4 },
  { area: 'Customer service', categories: ['staff conduct', 'no reply'], weight: 3 },
];
const LESSONS: Record<string, { lesson: string; action: string }[]> = {
  Repairs: [
    {
      lesson: 'Damp reports were logged as routine repairs, so surveys waited weeks.',
      action: 'Every damp or mould report is now triaged by a surveyor within 2 working days.',
    },
    {
      lesson: 'Residents were not told when an appointment was moved.',
      action: 'Contractors must text the resident when an appointment changes; we check this monthly.',
    },
    {
      lesson: 'Repairs were closed before the follow-on work was done.',
      action: 'A repair with follow-on work stays open until the resident confirms it is finished.',
    },
  ],
  Neighbourhoods: [
    {
      lesson: 'Reports of anti-social behaviour were not acknowledged in writing.',
      action: 'An acknowledgement with a named officer is sent within 1 working day.',
    },
  ],
  'Lettings and rents': [
    {
      lesson: 'Rent statements did not explain the service charge.',
      action: 'Statements now break the service charge down by item.',
    },
  ],
  'Customer service': [
    {
      lesson: 'Messages left with the contact centre did not reach officers.',
      action: 'Call-backs are logged as tasks with a 2-day target.',
    },
  ],
};

const FIRST = [
  'Aisha',
  'Ben',
  'Ceri',
  'Dylan',
  'Eilidh',
  'Farah',
  'Gareth',
  'Hannah',
  'Imran',
  'Joanne',
  'Kwame',
  'Lowri',
  'Marek',
  'Niamh',
  'Olu',
  'Priya',
];
const LAST = [
  'Ahmed',
  'Bryant',
  'Chowdhury',
  'Davies',
  'Evans',
  'Fletcher',
  'Gill',
  'Hughes',
  'Iqbal',
  'Jones',
  'Kowalski',
  'Lloyd',
  'Mensah',
  'Nowak',
  'Okafor',
  'Patel',
];

async function main(): Promise<void> {
  if (!TOKEN || !REVIEWER_TOKEN)
    throw new Error('TOKEN and REVIEWER_TOKEN: two complaints_manager tokens (different --sub)');
  const handler = { id: 'u-12', name: 'Complaints Officer' };
  let count = 0;
  for (let month = 0; month < 12; month++) {
    for (const { area, categories, weight } of AREAS) {
      const n = Math.max(1, Math.round(weight * (0.6 + random() * 0.8)));
      for (let i = 0; i < n; i++) {
        const y = month < 9 ? 2025 : 2026;
        const m = ((month + 3) % 12) + 1;
        const received = after(
          `${y}-${String(m).padStart(2, '0')}-${String(1 + Math.floor(random() * 25)).padStart(2, '0')}`,
          0,
        );
        if (received > '2026-03-20') continue;
        count++;
        const c = await post('/api/v1/complaints', {
          receivedAt: received,
          channel: pick(['phone', 'email', 'web_form', 'letter']),
          complainant: { name: `${pick(FIRST)} ${pick(LAST)}`, email: `person${count}@example.org` },
          serviceArea: area,
          category: pick(categories),
          description: 'The complaint as the resident put it.',
          tenure: random() < 0.8 ? 'LCRA' : 'LCHO',
        });
        const path = `/api/v1/complaints/${c.id}`;
        if (count % 29 === 0) {
          await post(`${path}/refusal`, {
            refusedAt: after(received, 3),
            ground: count % 2 === 0 ? 'already_considered' : 'legal_proceedings',
            explanation: 'Outside the policy',
            ombudsmanReferralRightGiven: true,
          });
          continue;
        }
        const acknowledged = after(received, random() < 0.9 ? 2 : 9);
        await post(`${path}/acknowledgements`, {
          acknowledgedAt: acknowledged,
          handler,
          headsOfComplaint: ['The issue raised'],
        });
        const outcome = pick(['upheld', 'partially_upheld', 'not_upheld', 'not_upheld'] as const);
        const responded = after(acknowledged, random() < 0.82 ? 8 : 19);
        const compensation =
          outcome !== 'not_upheld' && random() < 0.5
            ? [{ amountPence: pick([2500, 5000, 10000, 25000]), kind: pick(['time_and_trouble', 'loss', 'goodwill']) }]
            : [];
        await post(`${path}/responses`, {
          respondedAt: responded,
          decisions: [{ head: 'The issue raised', outcome, reasons: 'What we found.' }],
          remedies:
            outcome === 'not_upheld'
              ? { apology: false, apologyNotGivenReason: 'Not upheld' }
              : { apology: true, compensation },
        });
        const offer = compensation[0];
        if (offer && random() < 0.85)
          await post(`${path}/compensation-payments`, {
            paidAt: after(responded, 5),
            amountPence: offer.amountPence,
            kind: offer.kind,
            method: 'bank transfer',
          });
        const lessons = LESSONS[area] ?? [];
        const learned = outcome !== 'not_upheld' && random() < 0.25;
        if (learned && lessons.length > 0) {
          const l = pick(lessons);
          await post(`${path}/lessons`, {
            recordedAt: after(responded, 1),
            lesson: l.lesson,
            improvementAction: l.action,
            owner: `${area} manager`,
          });
          // Most actions get a due date; most of those are made, some late, a few not yet.
          if (random() < 0.8) {
            await post(`${path}/lessons/L1/plan`, {
              plannedAt: after(responded, 2),
              owner: `${area} manager`,
              dueBy: after(responded, 40).slice(0, 10),
            });
            const madeAt = after(responded, random() < 0.7 ? 30 : 55);
            if (random() < 0.75 && madeAt < '2026-03-31') {
              await post(`${path}/lessons/L1/completion`, {
                completedAt: madeAt,
                whatChanged: `Done: ${l.action.charAt(0).toLowerCase()}${l.action.slice(1)}`,
                evidence: 'Procedure note and the team briefing record',
              });
            }
          }
        }
        if (outcome === 'not_upheld' && random() < 0.25) {
          await post(`${path}/escalations`, { requestedAt: after(responded, 3), reason: 'Not happy with the answer' });
          if (responded > '2026-02-15') continue;
          const acknowledged2 = after(responded, 5);
          await post(
            `${path}/acknowledgements`,
            {
              acknowledgedAt: acknowledged2,
              handler: { id: 'u-30', name: 'Complaints Manager' },
              headsOfComplaint: ['The issue raised'],
            },
            REVIEWER_TOKEN,
          );
          await post(
            `${path}/responses`,
            {
              respondedAt: after(acknowledged2, random() < 0.75 ? 18 : 30),
              decisions: [
                {
                  head: 'The issue raised',
                  outcome: pick(['upheld', 'not_upheld', 'not_upheld'] as const),
                  reasons: 'The review found.',
                },
              ],
              remedies: { apology: true },
            },
            REVIEWER_TOKEN,
          );
          continue;
        }
        if (random() < 0.7)
          await post(`${path}/satisfaction`, {
            recordedAt: after(responded, 2),
            withHandling: pick([
              'very_satisfied',
              'fairly_satisfied',
              'fairly_satisfied',
              'neither',
              'fairly_dissatisfied',
            ]),
            withOutcome: pick(['very_satisfied', 'fairly_satisfied', 'neither', 'very_dissatisfied']),
          });
        await post(`${path}/closure`, {
          closedAt: after(responded, 3),
          outcome: 'Answered',
          ...(learned ? {} : { lessonsNotApplicableReason: 'No wider lesson' }),
        });
        if (area === 'Repairs' && count % 17 === 0) {
          await post(`${path}/ombudsman/referral`, {
            referredAt: after(responded, 20),
            ombudsmanReference: `HO-${count}`,
          });
          await post(`${path}/ombudsman/determination`, {
            determinedAt: after(responded, 60),
            ombudsmanReference: `HO-${count}`,
            findings: [
              { element: 'Handling of the repair', finding: count % 2 === 0 ? 'maladministration' : 'service_failure' },
            ],
            orders: [
              {
                orderId: `O-${count}`,
                description: 'Apologise and pay £300',
                dueBy: after(responded, 90).slice(0, 10),
              },
            ],
          });
          if (after(responded, 75) < '2026-03-31')
            await post(`${path}/ombudsman/orders/O-${count}/compliance`, {
              compliedAt: after(responded, 75),
              evidence: 'Apology sent and £300 paid',
            });
        }
      }
    }
  }
  // Feedback that is not a complaint, through the year: compliments shared with staff, comments passed on, concerns resolved at first contact, service requests.
  for (let month = 0; month < 12; month++) {
    const y = month < 9 ? 2025 : 2026;
    const m = ((month + 3) % 12) + 1;
    const day = () =>
      after(`${y}-${String(m).padStart(2, '0')}-${String(1 + Math.floor(random() * 25)).padStart(2, '0')}`, 0);
    for (const [kind, perMonth] of [
      ['compliment', 4],
      ['comment', 2],
      ['resolved_at_first_contact', 6],
      ['service_request', 9],
    ] as const) {
      for (let i = 0; i < perMonth; i++) {
        const at = day();
        if (at > '2026-03-20') continue;
        const area = pick(AREAS).area;
        const item = await post('/api/v1/feedback', {
          kind,
          receivedAt: at,
          channel: pick(['phone', 'email', 'web_form']),
          serviceArea: area,
          summary:
            kind === 'compliment'
              ? 'Thanks for a job done well.'
              : kind === 'service_request'
                ? 'Please book a repair.'
                : 'A concern put right on the call.',
          ...(kind === 'compliment' ? { team: `${area} team` } : {}),
        });
        if (kind === 'compliment')
          await post(`/api/v1/feedback/${item.id}/shared`, { sharedAt: after(at, 2), sharedWith: `${area} team` });
        if (kind === 'comment')
          await post(`/api/v1/feedback/${item.id}/passed-to-manager`, {
            passedAt: after(at, 1),
            manager: `${area} manager`,
          });
        if (kind === 'service_request' && random() < 0.9)
          await post(`/api/v1/feedback/${item.id}/completed`, {
            completedAt: after(at, 5),
            outcome: 'Repair booked and done',
          });
      }
    }
  }
  // The self-assessment against the Code, recorded after the year's end and before the Board's meeting.
  const statements = [
    {
      provision: '1.2',
      compliance: 'compliant',
      statement: 'Our complaints policy uses the Code’s definition of a complaint word for word.',
    },
    {
      provision: '3.1',
      compliance: 'compliant',
      statement: 'Complaints are accepted in person, by phone, email, web form and letter.',
    },
    {
      provision: '5.6',
      compliance: 'partly_compliant',
      statement: 'Every acknowledgement records the heads of complaint; the outcomes sought are not always recorded.',
      actionsPlanned: 'Outcomes sought a required field of the acknowledgement form by September 2026.',
    },
    {
      provision: '6.2',
      compliance: 'compliant',
      statement: 'Acknowledgements are checked daily by the complaints team.',
    },
    {
      provision: '6.3',
      compliance: 'not_compliant',
      statement: 'Nearly one stage 1 response in five was outside the Code’s ten working days.',
      commentary: 'Damp and mould cases took longest.',
      actionsPlanned: 'A weekly review of responses due within five days, from July 2026.',
    },
    {
      provision: '6.13',
      compliance: 'compliant',
      statement: 'Stage 2 is decided by a manager who took no part in stage 1; the system refuses otherwise.',
    },
    {
      provision: '7.1',
      compliance: 'compliant',
      statement: 'Every upheld complaint is answered with an apology or the reason for none.',
    },
    {
      provision: '8.1',
      compliance: 'compliant',
      statement: 'This report and this self-assessment go to the Board each June.',
    },
    {
      provision: '9.4',
      compliance: 'compliant',
      statement: 'The Board has appointed a Member Responsible for Complaints.',
    },
  ];
  for (const statement of statements)
    await post('/api/v1/reports/self-assessment/2025/statements', {
      ...statement,
      recordedAt: '2026-05-20T10:00:00+01:00',
    });
  await post('/api/v1/reports/annual/2025/governing-body-response', {
    body: 'Board',
    respondedAt: '2026-06-18T17:00:00Z',
    response:
      'The Board considered this report at its meeting of 18 June 2026 and accepts it.\n\nThe Board is concerned that nearly one stage 1 complaint in five was answered outside the Code’s timescales, and that damp and mould remain the largest single cause of complaint. It has asked the Executive to report on both each quarter, through the Member Responsible for Complaints.\n\nThe Board welcomes the changes to damp triage and appointment messages, and will look for evidence in next year’s report that they have reduced complaints.',
  });
  await post('/api/v1/reports/annual/2025/publication', { publishedAt: '2026-06-30T09:00:00Z' });
  mkdirSync(OUT, { recursive: true });
  for (const [path, file] of [
    ['/api/v1/reports/annual/document?year=2025&format=pdf', 'annual-report-2025.pdf'],
    ['/api/v1/reports/member-responsible?quarter=2025-Q3&format=pdf', 'member-responsible-report-2025-Q3.pdf'],
  ] as const) {
    const res = await fetch(`${BASE}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    writeFileSync(join(OUT, file), Buffer.from(await res.arrayBuffer()));
    console.log(`docs/examples/${file}`);
  }
  console.log(`${count} complaints seeded`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
