import { ContactChannels, type ContactChannel } from '../primitives';

/** How people wrote the channels before they were a vocabulary, folded (lower case, single spaces). */
const SYNONYMS: Readonly<Record<string, ContactChannel>> = {
  telephone: 'phone',
  call: 'phone',
  'phone call': 'phone',
  'e mail': 'email',
  post: 'letter',
  'in person': 'in_person',
  'face to face': 'in_person',
  visit: 'in_person',
  web: 'web_form',
  website: 'web_form',
  online: 'web_form',
  'web form': 'web_form',
  'online form': 'web_form',
  text: 'text_message',
  sms: 'text_message',
  'text message': 'text_message',
  'social media': 'social_media',
};

/**
 * A channel named in words, as callers name it and as events stored before channels were a
 * vocabulary hold it: a channel of the vocabulary or a common synonym ("Telephone", "online")
 * as its channel, anything else as 'other', so the words themselves are never kept or shown (a
 * channel is a classification; "via her son Tom" is not one). The stored text of an old event is
 * never rewritten (it is hashed): the upcaster reads it through this.
 */
export function channelOfText(text: string): ContactChannel {
  const folded = text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
  const asCode = folded.replace(/ /g, '_');
  if ((ContactChannels as readonly string[]).includes(asCode)) return asCode as ContactChannel;
  return SYNONYMS[folded] ?? 'other';
}
