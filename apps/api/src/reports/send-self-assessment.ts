import type { Request, Response } from 'express';
import { ProblemException, problems } from '../http/problem';
import { selfAssessmentCsv, selfAssessmentPdf } from '@complaints/documents';
import type { SelfAssessment } from '@complaints/reporting';

/** The media types the self-assessment is given in, and their `format` names. */
export const SELF_ASSESSMENT_TYPES = ['application/json', 'text/csv', 'application/pdf'] as const;
export const SELF_ASSESSMENT_FORMATS = ['json', 'csv', 'pdf'] as const;
export type SelfAssessmentType = (typeof SELF_ASSESSMENT_TYPES)[number];

/** The type asked for by `format` or else by Accept; 406 for none of them. */
export function selfAssessmentTypeOf(
  req: Request,
  format: (typeof SELF_ASSESSMENT_FORMATS)[number] | undefined,
): SelfAssessmentType {
  const type = format
    ? SELF_ASSESSMENT_TYPES[SELF_ASSESSMENT_FORMATS.indexOf(format)]
    : req.accepts([...SELF_ASSESSMENT_TYPES]);
  if (!type)
    throw new ProblemException(
      problems.notAcceptable(`The self-assessment is available as ${SELF_ASSESSMENT_TYPES.join(', ')}.`),
    );
  return type as SelfAssessmentType;
}

/** The self-assessment as JSON, as the Ombudsman's form in CSV, or as that form in a PDF: the staff's route and the published copy alike. */
export async function sendSelfAssessment(
  res: Response,
  type: SelfAssessmentType,
  assessment: SelfAssessment,
  options: { landlordName: string; generatedOn: string },
): Promise<void> {
  res.setHeader('Vary', 'Accept');
  if (type === 'application/pdf') {
    const pdf = await selfAssessmentPdf(assessment, options);
    res
      .type('application/pdf')
      .setHeader('Content-Disposition', `inline; filename="self-assessment-${assessment.year}.pdf"`);
    res.send(pdf);
  } else if (type === 'text/csv') {
    res
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="self-assessment-${assessment.year}.csv"`);
    res.send(selfAssessmentCsv(assessment));
  } else {
    res.json(assessment);
  }
}
