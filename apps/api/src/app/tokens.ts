/** Dependency-injection tokens for values that are not classes. */
export const APP_CONFIG = Symbol('AppConfig');
export const INFRASTRUCTURE = Symbol('Infrastructure');
export const CLOCK = Symbol('Clock');
export const ORGANISATION = Symbol('Organisation');
/** The subject-access blind index key (BlindIndexKey), loaded from KEYS_DIR at start. */
export const SUBJECT_INDEX_KEY = Symbol('SubjectIndexKey');
/** The letter templates (LetterTemplates), loaded and checked at start-up (docs/letters.md). */
export const LETTER_TEMPLATES = Symbol('LetterTemplates');
/** The process's pino logger (Logger from @complaints/runtime). */
export const LOGGER = Symbol('Logger');
/** This app instance's prom-client Registry, which /metrics serves. */
export const METRICS_REGISTRY = Symbol('MetricsRegistry');
