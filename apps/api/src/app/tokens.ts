/** Dependency-injection tokens for values that are not classes. */
export const APP_CONFIG = Symbol('AppConfig');
export const INFRASTRUCTURE = Symbol('Infrastructure');
export const CLOCK = Symbol('Clock');
export const ORGANISATION = Symbol('Organisation');
/** The subject-access blind index key (BlindIndexKey), loaded from KEYS_DIR at start. */
export const SUBJECT_INDEX_KEY = Symbol('SubjectIndexKey');
/** The letter templates (LetterTemplates), loaded and checked at start-up (docs/letters.md). */
export const LETTER_TEMPLATES = Symbol('LetterTemplates');
