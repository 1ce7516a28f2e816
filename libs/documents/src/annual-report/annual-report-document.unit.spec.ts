import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '@complaints/domain';
import { annualReport } from '@complaints/reporting';
import { annualReportDocument, annualReportHtml, lessonThemes, type AnnualReportInput } from './annual-report-document';
import { memberResponsibleDocument } from './member-responsible-report';

const empty = annualReport([], createWorkingDayCalendar(), 2025);
const figures = {
  ...empty,
  volumes: { ...empty.volumes, received: 120, closed: 100 },
  ombudsman: {
    referrals: 3,
    determinations: 2,
    ordersMade: 2,
    ordersComplied: 1,
    findings: { maladministration: 1, service_failure: 1 },
  },
};
const damp = {
  serviceArea: 'Repairs',
  lesson: 'Damp surveys waited weeks.',
  improvementAction: 'Surveys within 2 working days.',
};
const input: AnnualReportInput = {
  organisation: 'Northbrook Homes',
  figures,
  lessons: [
    { ...damp, recordedOn: '2025-09-01' },
    { ...damp, recordedOn: '2025-05-01' },
    { serviceArea: 'Lettings', lesson: 'Statements <unclear>.', improvementAction: null, recordedOn: '2025-06-01' },
  ],
  governingBodyResponse: null,
  publishedAt: null,
  generatedOn: '2026-06-01',
};
const headings = (i: AnnualReportInput) => annualReportDocument(i).sections.map((s) => s.heading);
const section = (i: AnnualReportInput, heading: string) =>
  annualReportDocument(i).sections.find((s) => s.heading === heading);

describe('complaints by service area in a document that is published', () => {
  const outcomes = (responses: number, upheld: number) => ({
    responses,
    upheld,
    partiallyUpheld: 0,
    notUpheld: responses - upheld,
    upheldPercent: null,
    partiallyUpheldPercent: null,
    notUpheldPercent: null,
  });
  const area = (serviceArea: string, received: number, responses = 0, upheld = 0) => ({
    serviceArea,
    received,
    outcomes: outcomes(responses, upheld),
  });
  it('prints a count under 5 as "fewer than 5", withholds the next smallest that would give it away, and upheld shares only over 5 responses', () => {
    const withAreas = {
      ...input,
      figures: {
        ...figures,
        byServiceArea: [
          area('Lettings', 1, 1, 1),
          area('Estates', 7, 3, 1),
          area('Repairs', 40, 30, 12),
        ] as unknown as typeof figures.byServiceArea,
      },
    };
    expect(section(withAreas, 'Complaints by service area')).toEqual({
      heading: 'Complaints by service area',
      rows: [
        { label: 'Lettings', value: 'Fewer than 5 complaints received; fewer than 5 responses' },
        { label: 'Estates', value: 'Complaints received: withheld; fewer than 5 responses' },
        { label: 'Repairs', value: '40 complaints received; 12 of 30 responses upheld in whole or part' },
      ],
      note: 'Counts under 5 are not printed (and one more is withheld where it would give one away), so that no resident can be identified.',
    });
  });
});

describe('improvements made, in the annual report', () => {
  it('prints the same change made after several complaints in one service area once, with how many and when', () => {
    const change = 'Damp triage by a surveyor.';
    const made = {
      ...input,
      improvementsMade: {
        completed: [
          { serviceArea: 'Repairs', completedOn: '2026-01-10', whatChanged: change },
          { serviceArea: 'Repairs', completedOn: '2025-06-02', whatChanged: change },
          { serviceArea: 'Estates', completedOn: '2025-09-01', whatChanged: change },
        ],
      },
    };
    expect(section(made, 'Improvements made')?.entries).toEqual([
      { title: 'Estates · done 1 September 2025', text: change },
      { title: 'Repairs · done after 2 complaints, 2 June 2025 to 10 January 2026', text: change },
    ]);
  });
});

describe('the annual report document', () => {
  it('is a draft, saying the response is still to come, until published with it', () => {
    const draft = annualReportDocument(input);
    expect(draft.title).toBe('Draft: Annual complaints performance and service improvement report 2025 to 2026');
    expect(draft.footer).toContain('DRAFT');
    expect(section(input, 'The governing body’s response')?.paragraphs?.[0]).toMatch(/^Not yet recorded/);

    const published = {
      ...input,
      publishedAt: '2026-06-30T08:00:00Z',
      governingBodyResponse: {
        body: 'Board',
        response: 'We accept it.\n\nWe ask for more.',
        respondedAt: '2026-06-18T17:00:00Z',
      },
    };
    const document = annualReportDocument(published);
    expect(document.title).toBe('Annual complaints performance and service improvement report 2025 to 2026');
    expect(document.standfirst).toContain('Published 30 June 2026.');
    expect(section(published, 'The response of the Board')).toEqual({
      heading: 'The response of the Board',
      paragraphs: ['We accept it.', 'We ask for more.'],
      note: 'Given 18 June 2026.',
    });
  });

  it("states the Ombudsman's findings and orders", () => {
    const rows = section(input, 'The Housing Ombudsman')?.rows ?? [];
    expect(rows).toEqual([
      { label: 'Complaints referred to the Ombudsman', value: '3' },
      { label: 'Determinations received', value: '2' },
      { label: '  finding: Service failure', value: '1' },
      { label: '  finding: Maladministration', value: '1' },
      { label: 'Orders made by the Ombudsman', value: '2' },
      { label: 'Orders complied with', value: '1' },
    ]);
  });

  it('prints the same lesson from several complaints once, with how many and when', () => {
    expect(lessonThemes(input.lessons).map((t) => [t.serviceArea, t.dates])).toEqual([
      ['Lettings', ['2025-06-01']],
      ['Repairs', ['2025-05-01', '2025-09-01']],
    ]);
    expect(section(input, 'What we learned and what we changed')?.entries).toEqual([
      { title: 'Lettings · 1 June 2025', text: 'Statements <unclear>.' },
      {
        title: 'Repairs · from 2 complaints, 1 May 2025 to 1 September 2025',
        text: 'Damp surveys waited weeks. What we are changing: Surveys within 2 working days.',
      },
    ]);
  });

  it('prints the feedback, self-assessment and improvements-made sections only when they are given', () => {
    expect(headings(input)).not.toEqual(expect.arrayContaining(['Other feedback from residents']));
    expect(headings(input)).not.toContain('Improvements made');
    expect(headings(input)).not.toContain('Self-assessment against the Complaint Handling Code');
    const full: AnnualReportInput = {
      ...input,
      feedback: {
        byKind: [
          { kind: 'compliment', count: 40 },
          { kind: 'service_request', count: 300 },
        ],
        turnedIntoComplaints: 6,
      },
      selfAssessment: {
        provisionsAssessed: 60,
        byCompliance: [
          { compliance: 'compliant', count: 58 },
          { compliance: 'not_compliant', count: 2 },
        ],
        notMet: [
          {
            provision: '6.2',
            compliance: 'not_compliant',
            requirement: 'Complaints must be acknowledged within five working days.',
            commentary: 'Acknowledgements are late one time in ten; we are adding cover.',
          },
        ],
      },
      improvementsMade: {
        completed: [{ serviceArea: 'Repairs', completedOn: '2026-01-10', whatChanged: 'Damp triage by a surveyor.' }],
        outstanding: 4,
        overdue: 1,
      },
    };
    expect(section(full, 'Other feedback from residents')?.rows).toEqual([
      { label: 'Compliments', value: '40' },
      { label: 'Service requests', value: '300' },
      { label: 'Later raised as formal complaints', value: '6' },
    ]);
    expect(section(full, 'Improvements made')).toMatchObject({
      entries: [{ title: 'Repairs · done 10 January 2026', text: 'Damp triage by a surveyor.' }],
      note: '4 still open at the end of the year, 1 of them past their due date.',
    });
    expect(section(full, 'Self-assessment against the Complaint Handling Code')).toMatchObject({
      rows: [
        { label: 'Compliant', value: '58' },
        { label: 'Not compliant', value: '2' },
      ],
      entries: [
        {
          title: 'Provision 6.2, not compliant: Complaints must be acknowledged within five working days.',
          text: 'Acknowledgements are late one time in ten; we are adding cover.',
        },
      ],
    });
    // The response comes last, after everything it responds to.
    expect(headings(full).at(-1)).toBe('The governing body’s response');
  });

  // Its PDF (the fonts are read from the file system) is in annual-report-pdf.int.spec.ts.
  it('escapes every value in HTML', () => {
    const html = annualReportHtml(input);
    expect(html).toContain('Statements &lt;unclear&gt;.');
    expect(html).not.toContain('<unclear>');
  });
});

describe("the Member Responsible's report", () => {
  it('opens with the quarter at a glance and names the quarter', () => {
    const document = memberResponsibleDocument({
      organisation: 'Northbrook Homes',
      quarter: '2025-Q3',
      figures,
      enquiries: figures.enquiries,
      lessons: [],
      generatedOn: '2026-01-05',
    });
    expect(document.title).toBe('Complaints report to the Member Responsible for Complaints: 2025-Q3');
    expect(document.sections[0]?.heading).toBe('The quarter at a glance');
    expect(document.sections[0]?.paragraphs?.[0]).toBe('120 complaints received, 0 taken to stage 2 and 100 closed.');
    expect(document.sections.at(-1)).toEqual({
      heading: 'Lessons recorded in the quarter',
      paragraphs: ['No lessons were recorded in the quarter.'],
      entries: [],
    });
  });
});
