import type { ComplaintState } from '../state';
import { activeAdjustments } from './circumstances-record';

/**
 * How letters and contact must be presented to the resident, from the reasonable adjustments in
 * place now (docs/domain.md, "Circumstances"). Pure: the letters read it from the state.
 */
export interface Presentation {
  /** An adjustment `large_print` is in place: letters in large print. */
  readonly largePrint: boolean;
  /** An adjustment `plain_text_for_screen_reader` is in place: letters as plain text. */
  readonly plainText: boolean;
  /** An adjustment `easy_read` is in place. */
  readonly easyRead: boolean;
  /** `phone_only` or `email_only` in place: the only way to contact the resident; null: no such adjustment. */
  readonly preferredContact: 'phone' | 'email' | null;
}

export function presentationOf(state: ComplaintState): Presentation {
  const kinds = new Set(
    state.status === 'not_received' ? [] : activeAdjustments(state.circumstances).map((a) => a.kind),
  );
  return {
    largePrint: kinds.has('large_print'),
    plainText: kinds.has('plain_text_for_screen_reader'),
    easyRead: kinds.has('easy_read'),
    preferredContact: kinds.has('phone_only') ? 'phone' : kinds.has('email_only') ? 'email' : null,
  };
}
