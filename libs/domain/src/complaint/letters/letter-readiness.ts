import type { Instant, LetterName, Stage } from '@complaints/contracts';
import { stageRecord, type ReceivedComplaint } from '../state';

/**
 * Whether a letter can be drafted from the record yet (docs/letters.md): each letter reports
 * one step, and until that step is recorded the letter would be missing what the Code requires
 * it to say. One answer for the API's draft (409 naming what is missing) and the decider's
 * RecordLetterSent, so a letter can never be recorded as sent when it could not be drafted.
 * `stepAt` is when the step the letter reports happened: a letter is not sent before it.
 */
export type LetterReadiness =
  { readonly ready: true; readonly stepAt: Instant } | { readonly ready: false; readonly missing: string };

const missing = (what: string): LetterReadiness => ({ ready: false, missing: what });
const ready = (stepAt: Instant): LetterReadiness => ({ ready: true, stepAt });

export function letterReadiness(letter: LetterName, complaint: ReceivedComplaint): LetterReadiness {
  // Once erased there is nobody to address a letter to, and nothing of what it would say.
  if (complaint.personalDataErased)
    return missing(`the resident's details and the complaint's words, erased ${complaint.personalDataErased.erasedAt}`);
  switch (letter) {
    case 'acknowledgement-1':
    case 'acknowledgement-2':
      return acknowledgement(complaint, stageOf(letter));
    case 'extension-1':
    case 'extension-2':
      return extension(complaint, stageOf(letter));
    case 'response-1':
    case 'response-2':
      return response(complaint, stageOf(letter));
    case 'refusal':
      return refusal(complaint);
  }
}

function stageOf(letter: `${string}-${1 | 2}`): Stage {
  return letter.endsWith('-2') ? 2 : 1;
}

function acknowledgement(complaint: ReceivedComplaint, stage: Stage): LetterReadiness {
  const s = stageRecord(complaint, stage);
  if (!s)
    return missing('the escalation to stage 2 and its acknowledgement (the complaint definition and who handles it)');
  if (!s.acknowledgedAt)
    return missing(`the stage ${stage} acknowledgement (the complaint definition and who handles it)`);
  return ready(s.acknowledgedAt);
}

function extension(complaint: ReceivedComplaint, stage: Stage): LetterReadiness {
  const s = stageRecord(complaint, stage);
  const latest = s?.extensions.at(-1);
  if (!latest) return missing(`an extension agreed at stage ${stage} (its reason and the new date)`);
  if (!s?.acknowledgedAt) return missing(`the stage ${stage} acknowledgement (who handles the complaint)`);
  return ready(latest.at);
}

function response(complaint: ReceivedComplaint, stage: Stage): LetterReadiness {
  const s = stageRecord(complaint, stage);
  if (!s?.respondedAt)
    return missing(`the stage ${stage} response (the decision on each head of complaint, with reasons and remedies)`);
  return ready(s.respondedAt);
}

function refusal(complaint: ReceivedComplaint): LetterReadiness {
  const refusedAt = complaint.refusal?.refusedAt ?? complaint.escalationRefusals.at(-1)?.refusedAt;
  if (!refusedAt)
    return missing('a refusal of the complaint, or of a request for stage 2 (its ground and explanation)');
  return ready(refusedAt);
}
