import { ContactChannels, LETTER_TITLES, LetterNames, type LetterName } from '@complaints/contracts';
import { letterReadiness, type ReceivedComplaint } from '@complaints/domain';
import { CHANNEL_WORDS, choicesOf, textOf, type FormError } from './form-fields';
import { dateField, readDate, valueOf } from './step-form-fields';
import type { StepForm } from './step-forms';

/** The letters the record can draft now: the domain's letterReadiness, as GET …/letters/{letter} and RecordLetterSent ask it. */
export function readyLetters(complaint: ReceivedComplaint): LetterName[] {
  return LetterNames.filter((letter) => letterReadiness(letter, complaint).ready);
}

// A letter goes by post or by hand rather than "letter" or "in person".
const LETTER_CHANNEL_WORDS: Readonly<Record<string, string>> = {
  ...CHANNEL_WORDS,
  letter: 'Post',
  in_person: 'By hand',
};

/** "Record a letter as sent": which of the letters that can be drafted, how, to whom, and when. */
export const letterSent: StepForm = {
  write: 'recordLetterSent',
  submit: 'Record as sent',
  dateField: 'sentOn',
  ruleFields: { 'letter-not-ready': 'letter', 'letter-to-absent-representative': 'recipient' },
  fields: (complaint, values) => {
    const ready = readyLetters(complaint);
    return [
      {
        kind: 'radios',
        name: 'letter',
        label: 'Which letter',
        items: ready.map((letter) => ({ value: letter, text: LETTER_TITLES[letter] })),
        value: valueOf(values, 'letter', ready.at(-1) ?? ''),
      },
      {
        kind: 'select',
        name: 'channel',
        label: 'How it was sent',
        items: choicesOf(ContactChannels, LETTER_CHANNEL_WORDS),
        value: valueOf(values, 'channel', 'letter'),
      },
      {
        kind: 'radios',
        name: 'recipient',
        label: 'Sent to',
        items: [
          { value: 'resident', text: 'The resident' },
          ...(complaint.casework.representative.namedAtReceipt
            ? [{ value: 'representative', text: 'Their representative' }]
            : []),
        ],
        value: valueOf(values, 'recipient', 'resident'),
      },
      { ...dateField('sentOn', 'Date sent', values), hint: 'Leave as today unless it was sent on an earlier day.' },
    ];
  },
  read: (values, _complaint, context) => {
    const errors: FormError[] = [];
    const letter = textOf(values, 'letter');
    if (!(LetterNames as readonly string[]).includes(letter))
      errors.push({ field: 'letter', message: 'Choose which letter was sent' });
    const recipient = textOf(values, 'recipient');
    if (recipient !== 'resident' && recipient !== 'representative')
      errors.push({ field: 'recipient', message: 'Choose who it was sent to' });
    const body: Record<string, unknown> = { channel: textOf(values, 'channel') || 'letter', recipient };
    readDate(values, 'sentOn', 'sentAt', context, body, errors);
    return { body, pathFields: { letter }, errors };
  },
};
