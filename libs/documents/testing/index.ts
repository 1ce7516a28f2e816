// For tests of the printed forms (here and in apps/api): a case to print, and a PDF read back as text.
export * from './chronology-case';
export * from './pdf-text';
