import { describe, expect, it } from 'vitest';
import { selfAssessmentFrom } from '@complaints/reporting';
import { SELF_ASSESSMENT_CSV_HEADER, selfAssessmentCsv, selfAssessmentPdf } from './self-assessment-formats';

const assessment = selfAssessmentFrom(
  2025,
  [
    {
      recordedAt: '2026-03-10T10:00:00Z',
      data: {
        occurredAt: '2026-03-10T10:00:00Z',
        year: 2025,
        provision: '6.3',
        compliance: 'not_compliant',
        statement: '=HYPERLINK("x") one response in three was late, "mostly" in June',
        actionsPlanned: 'Weekly review',
        version: 1,
        recordedBy: { id: 'u-207', name: 'Zoë Ångström-Nić' },
      },
    },
  ],
  {
    '6.3': {
      summary: 'Stage 1 responses within the Code’s 10 working days: 2 of 3 (66.7%).',
      figures: { responded: 3 },
    },
  },
);

describe('the self-assessment form as CSV and PDF', () => {
  it("CSV: the form's columns, one row per provision, formulas defused and quotes escaped", () => {
    const lines = selfAssessmentCsv(assessment).trimEnd().split('\r\n');
    expect(lines[0]).toBe(SELF_ASSESSMENT_CSV_HEADER.join(','));
    expect(lines).toHaveLength(1 + Object.keys(assessment.provisions).length);
    const row = lines.find((line) => line.startsWith('6. Complaint stages,6.3,'));
    expect(row).toContain(`,No,"'=HYPERLINK(""x"") one response in three was late, ""mostly"" in June",`);
    expect(row).toContain(',Weekly review,1,2026-03-10');
  });

  it('PDF: a PDF with the document title, whatever the names', async () => {
    const pdf = await selfAssessmentPdf(assessment, {
      landlordName: 'Northfield Homes',
      generatedOn: '2026-03-20',
      compress: false,
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('Complaint Handling Code self-assessment 2025/26');
  });
});
