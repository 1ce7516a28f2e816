// The documents the read side hands out, without Nest: PDFs (A4, embedded Unicode fonts), letters and CSV.
export * from './pdf/render-pdf';
export * from './pdf/fonts';
export * from './csv/csv';
export * from './chronology/event-titles';
export * from './chronology/chronology-formats';
export * from './chronology/chronology-pdf';
export * from './subject-access/subject-access-export';
export * from './subject-access/subject-access-pdf';
export * from './monthly-report/monthly-report-sections';
export * from './monthly-report/monthly-report-pdf';
export * from './letters';
export * from './annual-report/report-document';
export * from './annual-report/figure-sections';
export * from './annual-report/annual-report-document';
export * from './annual-report/member-responsible-report';
export * from './self-assessment/self-assessment-formats';
export * from './action-plans/action-plan-csv';
