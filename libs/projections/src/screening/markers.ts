/** What replaces a piece of staff free text that named or contacted someone (screenText). */
export const REDACTED = '[redacted]';

/**
 * What a panel-facing copy of staff free text reads as once its complaint's personal data was
 * erased: the names to screen it against are gone with the key, so a rebuild could no longer
 * screen it, and live and rebuilt read models must agree (README, "What scrutiny panels see").
 */
export const WITHHELD = '[withheld: personal data erased]';
