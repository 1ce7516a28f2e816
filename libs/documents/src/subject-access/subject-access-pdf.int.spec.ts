import { describe, expect, it } from 'vitest';
import { chronologyCase, pdfText } from '../../testing';
import type { SubjectAccessExport, SubjectComplaintExport } from './subject-access-export';
import { subjectAccessPdf } from './subject-access-pdf';

const { view, entries } = chronologyCase();

const complaint = (overrides: Partial<SubjectComplaintExport>): SubjectComplaintExport => ({
  complaintId: view.id,
  reference: view.reference,
  matchedOn: ['email'],
  case: view,
  history: [],
  chronology: entries,
  retention: { status: 'not_due', retentionFrom: '2026-04-21', dueOn: '2032-04-21', holds: [] },
  ...overrides,
});

const exported = (complaints: SubjectComplaintExport[]): SubjectAccessExport => ({
  exportId: 'e-1',
  generatedAt: '2026-05-01T09:00:00.000Z',
  exportedBy: 'dpo-7',
  identifiedBy: ['email'],
  retentionYearsAfterEnd: 6,
  complaints,
});

describe('subjectAccessPdf', () => {
  it('gives each complaint its personal details, how long it is kept and what happened', async () => {
    const text = await pdfText(await subjectAccessPdf(exported([complaint({})])));
    expect(text).toContain('Subject access export');
    expect(text).toContain('1 complaint.');
    expect(text).toContain(`Complaint ${view.reference}`);
    const complainant = view.complainant as { name: string };
    expect(text).toContain(`Name: ${complainant.name}`);
    expect(text).toContain('Kept until 21 April 2032 (from 21 April 2026).');
    expect(text).toContain('Complaint acknowledged');
    expect(text).toContain('6 years after it ends');
  });

  it('says when a complaint is held past its date, and why, without naming the claim', async () => {
    const held = complaint({
      retention: {
        status: 'held',
        retentionFrom: '2019-04-01',
        dueOn: '2025-04-01',
        holds: [
          {
            kind: 'legal_hold',
            holdId: 'LH1',
            category: 'pre_action_claim',
            placedAt: '2025-01-01T10:00:00Z',
            placedBy: 'dpo-7',
          },
          { kind: 'ombudsman_case', ombudsmanReference: '202612345', outstandingOrders: [] },
        ],
      },
    });
    const text = await pdfText(await subjectAccessPdf(exported([held])));
    expect(text).toContain(
      'The retention period ended 1 April 2025, but it is kept for now. Kept beyond that while a legal hold (pre action claim) and a Housing Ombudsman case is open.',
    );
  });

  it('says when the personal data is erased, and lists no details for it; and when nothing is held at all', async () => {
    const erased = complaint({
      case: {
        ...view,
        personalDataErased: { erasedAt: '2032-05-01T09:00:00Z', basis: 'retention_schedule', reason: null },
      },
      retention: { status: 'erased', erasedAt: '2032-05-01T09:00:00Z' },
    });
    const text = await pdfText(await subjectAccessPdf(exported([erased])));
    expect(text).toContain('Erased 1 May 2032: we no longer hold any personal data for this complaint.');
    expect(text).toContain('Its personal data has been erased.');
    expect(text).not.toContain('Name: ');
    expect(await pdfText(await subjectAccessPdf(exported([])))).toContain('We hold no complaint records about you.');
  });
});
