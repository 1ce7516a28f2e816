export { REDACTED, WITHHELD } from './markers';
export { EMAIL, UK_PHONE, UK_POSTCODE, redactGenericPatterns } from './generic-patterns';
export { NO_TERMS, personalTermsOf, type PersonalTerms } from './personal-terms';
export { screenOptional, screenText } from './screen-text';
