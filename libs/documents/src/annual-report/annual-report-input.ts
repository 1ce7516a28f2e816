import type { CalendarDate } from '@complaints/contracts';
import type { AnnualReportContents } from '@complaints/reporting';
import type { AnnualReportInput, SelfAssessmentSummaryInput } from './annual-report-document';
import { asSentence } from './report-document';

/**
 * The annual report's document from its contents (annualReportContents): the figures, the
 * screened lessons, the feedback counts, the self-assessment in summary, the improvements made
 * and the governance record. One mapping for the staff's draft and the published copy.
 */
export function annualReportInputOf(
  contents: AnnualReportContents,
  organisation: string,
  generatedOn: CalendarDate,
): AnnualReportInput {
  const { figures, lessons, record, feedback, selfAssessment, improvements } = contents;
  return {
    organisation,
    figures,
    lessons: lessons.map((l) => ({
      recordedOn: l.recordedOn,
      serviceArea: l.serviceArea,
      lesson: l.lesson,
      improvementAction: l.improvementAction,
    })),
    governingBodyResponse: record.response
      ? { body: record.response.body, response: record.response.response, respondedAt: record.response.respondedAt }
      : null,
    publishedAt: record.publishedAt,
    generatedOn,
    feedback: {
      byKind: Object.entries(feedback.byKind).map(([kind, count]) => ({ kind, count })),
      turnedIntoComplaints:
        feedback.resolvedAtFirstContact.convertedToComplaint + feedback.serviceRequests.convertedToComplaint,
    },
    selfAssessment: selfAssessmentSummaryOf(selfAssessment),
    improvementsMade: {
      completed: improvements.improvementsMade.map((l) => ({
        serviceArea: l.serviceArea,
        completedOn: l.madeOn as CalendarDate,
        whatChanged: l.whatChanged ?? l.improvementAction ?? '',
      })),
      outstanding: improvements.outstanding,
      overdue: improvements.overdue.length,
    },
  };
}

/** How many provisions stand where, and those not (fully) met with what the landlord says about them. */
function selfAssessmentSummaryOf(assessment: AnnualReportContents['selfAssessment']): SelfAssessmentSummaryInput {
  const notMet = Object.values(assessment.provisions).flatMap((entry) => {
    const statement = entry.statement;
    if (!statement || (statement.compliance !== 'partly_compliant' && statement.compliance !== 'not_compliant'))
      return [];
    const said = [
      statement.statement,
      statement.commentary,
      statement.actionsPlanned ? `Action planned: ${statement.actionsPlanned}` : null,
    ];
    return [
      {
        provision: entry.provision,
        compliance: statement.compliance,
        requirement: entry.requirement,
        commentary: said
          .filter((text): text is string => Boolean(text))
          .map(asSentence)
          .join(' '),
      },
    ];
  });
  return {
    provisionsAssessed: assessment.summary.withStatement,
    byCompliance: Object.entries(assessment.summary.byCompliance).map(([compliance, count]) => ({ compliance, count })),
    notMet,
  };
}
