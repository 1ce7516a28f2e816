import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '@complaints/domain';
import { annualReport } from '@complaints/reporting';
import { annualReportPdf, type AnnualReportInput } from './annual-report-document';

// An int spec: every PDF embeds the DejaVu fonts, read from the file system (src/pdf/fonts.ts).
const input: AnnualReportInput = {
  organisation: 'Northbrook Homes',
  figures: annualReport([], createWorkingDayCalendar(), 2025),
  lessons: [
    { serviceArea: 'Lettings', lesson: 'Statements <unclear>.', improvementAction: null, recordedOn: '2025-06-01' },
  ],
  governingBodyResponse: null,
  publishedAt: null,
  generatedOn: '2026-06-01',
};

describe('the annual report document as PDF', () => {
  it('renders a PDF, whatever the lessons say', async () => {
    const pdf = await annualReportPdf(input);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
