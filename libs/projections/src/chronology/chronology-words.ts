/** Words the chronology's sentences share (describe-event.ts and the capabilities' describe-*.ts). */

/** A code of the vocabulary (`time_and_trouble`) as words. */
export const human = (value: string) => value.replace(/_/g, ' ');

/** A channel of the vocabulary as a sentence says it; an unknown word (an erased value) as it is. */
const CHANNELS: Readonly<Record<string, string>> = {
  in_person: 'in person',
  web_form: 'the web form',
  text_message: 'text message',
  social_media: 'social media',
  other: 'another channel',
};
export const channel = (value: string) => CHANNELS[value] ?? value;
