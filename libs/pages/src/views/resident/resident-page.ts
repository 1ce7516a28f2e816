import { longUkDate, type residentStatus } from '@complaints/reporting';

/** What GET /api/v1/public/complaints/{reference}/status answers: the page shows exactly that, nothing more. */
export type ResidentStatusForPage = NonNullable<ReturnType<typeof residentStatus>>;

/** The lookup form as typed, and what was wrong with it (field → message). */
export interface ResidentLookupForm {
  reference: string;
  accessCode: string;
  errors: { reference?: string | undefined; accessCode?: string | undefined };
}

/** The statuses (residentStatus's words) after which nobody is working on the complaint any more. */
const ENDED_STATUSES = ['closed', 'withdrawn', 'not taken on'];

/** The page's heading for each of residentStatus's words, as a sentence a resident would say. */
const HEADLINES: Readonly<Record<string, string>> = {
  received: 'We have received your complaint',
  'review requested': 'You have asked for a stage 2 review',
  'being investigated': 'We are looking into your complaint',
  'being reviewed': 'We are reviewing your complaint at stage 2',
  'response sent': 'We have sent you our stage 1 response',
  'final response sent': 'We have sent you our final response',
  closed: 'Your complaint is closed',
  withdrawn: 'Your complaint was withdrawn',
  'not taken on': 'We could not take your complaint through our complaints procedure',
};

type SummaryRow = { key: { text: string }; value: { text: string } };

/**
 * The fields of the lookup form, checked before anything is looked up: what is blank or cannot be
 * a reference or a code is said at once, against its field. Only input that could be right costs
 * an attempt from the lookup budget. `normaliseCode` is the API's reading of a typed code.
 */
export function residentLookupForm(
  body: Record<string, unknown>,
  normaliseCode: (typed: string) => string | null,
): ResidentLookupForm {
  const text = (value: unknown) => (typeof value === 'string' ? value : '').slice(0, 200);
  const reference = text(body['reference']).trim().toUpperCase().replace(/\s+/g, '');
  const accessCode = text(body['accessCode']).trim();
  const errors: ResidentLookupForm['errors'] = {};
  if (reference === '') errors.reference = 'Enter your complaint reference';
  else if (!/^[A-Z0-9][A-Z0-9._-]{0,99}$/.test(reference))
    errors.reference = 'Enter the complaint reference as it is written on your letter, for example CMP-2026-000123';
  if (accessCode === '') errors.accessCode = 'Enter your access code';
  else if (normaliseCode(accessCode) === null)
    errors.accessCode =
      'Enter the access code as it is written on your letter: 10 letters and numbers, for example 7KQ2M-XD4PA';
  return { reference, accessCode, errors };
}

/** The lookup form's context: the values back in their fields and a GOV.UK error summary linked to them. */
export function residentLookupPageContext(
  form: ResidentLookupForm,
  problem?: { text: string; field: 'reference' | 'accessCode' },
) {
  const errorSummary: { text: string; href: string }[] = [];
  if (form.errors.reference) errorSummary.push({ text: form.errors.reference, href: '#reference' });
  if (form.errors.accessCode) errorSummary.push({ text: form.errors.accessCode, href: '#accessCode' });
  if (problem) errorSummary.push({ text: problem.text, href: `#${problem.field}` });
  return {
    reference: form.reference,
    // A code that was refused is not written back into the page: the resident types it again.
    accessCode: problem ? '' : form.accessCode,
    referenceError: form.errors.reference ?? (problem?.field === 'reference' ? problem.text : undefined),
    accessCodeError: form.errors.accessCode ?? (problem?.field === 'accessCode' ? problem.text : undefined),
    errorSummary,
  };
}

export const hasFormErrors = (form: ResidentLookupForm) =>
  form.errors.reference !== undefined || form.errors.accessCode !== undefined;

/**
 * The status page: where the complaint is, what happens next and by when, who is handling it,
 * and how to take it further, in the resident's words. Who is handling it is a role, never a
 * name: the API's status carries no person, and neither does this page.
 */
export function residentStatusPageContext(status: ResidentStatusForPage, landlordName: string) {
  const finished = ENDED_STATUSES.includes(status.status);
  const rows: SummaryRow[] = [
    { key: { text: 'Complaint reference' }, value: { text: status.reference } },
    {
      key: { text: 'Where your complaint is' },
      value: { text: `${sentenceCase(status.status)}, ${status.stage === 1 ? 'stage 1' : 'stage 2 (our review)'}` },
    },
    { key: { text: 'We received it on' }, value: { text: longUkDate(status.receivedOn) } },
  ];
  // The dates below are the current stage's: at stage 2 they say so, so that a stage 2 acknowledgement is never read as a slow stage 1 one.
  const ofStage = status.stage === 2 ? ' at stage 2' : '';
  if (status.acknowledgedOn)
    rows.push({ key: { text: `We acknowledged it${ofStage} on` }, value: { text: longUkDate(status.acknowledgedOn) } });
  if (status.codeResponseDue) {
    rows.push({
      key: { text: `Our response${ofStage} is due by` },
      value: { text: longUkDate(status.codeResponseDue) },
    });
    if (status.responseDue && status.responseDue > status.codeResponseDue) {
      rows.push({
        key: { text: 'We have told you we aim to respond by' },
        value: { text: longUkDate(status.responseDue) },
      });
    }
  }
  if (status.respondedOn)
    rows.push({ key: { text: `We responded${ofStage} on` }, value: { text: longUkDate(status.respondedOn) } });
  return {
    status,
    headline: HEADLINES[status.status] ?? `Your complaint: ${status.status}`,
    rows,
    late: status.overdueAgainstCode || status.codeResponseDatePassed,
    handledBy: finished ? undefined : handledBy(status.stage, landlordName),
    howToEscalate: status.howToEscalate,
    ombudsman: status.ombudsman,
  };
}

function handledBy(stage: 1 | 2, landlordName: string): string {
  // Code 6.13: stage 2 is decided by someone who took no part in stage 1 (the domain refuses otherwise).
  return stage === 1
    ? `The complaints team at ${landlordName} is handling your complaint. If you contact us, quote your complaint reference.`
    : `Someone at ${landlordName} who was not involved in our stage 1 response is reviewing your complaint. If you contact us, quote your complaint reference.`;
}

const sentenceCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
