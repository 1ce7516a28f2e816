import { notPlainTextBecause } from '@complaints/contracts';

/**
 * The complaint categories when ORG_COMPLAINT_CATEGORIES is not set: common social-housing
 * complaint subjects. A category is kept for the statistics after erasure, so it must be one of
 * a configured list, never free text (docs/domain.md, "Personal data").
 */
export const DEFAULT_COMPLAINT_CATEGORIES: readonly string[] = [
  'repairs',
  'damp and mould',
  'heating and hot water',
  'roof',
  'windows and doors',
  'fencing',
  'grounds',
  'parking',
  'anti-social behaviour',
  'estate services',
  'cleaning',
  'rent and service charges',
  'lettings',
  'tenancy',
  'adaptations',
  'safety',
  'staff conduct',
  'communication',
  'complaint handling',
  'other',
];

const fold = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');

/**
 * ORG_COMPLAINT_CATEGORIES: a comma-separated list of the organisation's categories, each plain
 * text of 1 to 200 characters, none twice (ignoring case and separators, as a request's category
 * is matched). Returns the list or why it is not one.
 */
export function parseComplaintCategories(value: string): { categories: string[] } | { problem: string } {
  const categories = value.split(',').map((c) => c.trim());
  const seen = new Set<string>();
  for (const category of categories) {
    if (category === '' || category.length > 200)
      return {
        problem: 'ORG_COMPLAINT_CATEGORIES must be a comma-separated list of categories of 1 to 200 characters each',
      };
    const notPlain = notPlainTextBecause(category);
    if (notPlain) return { problem: `ORG_COMPLAINT_CATEGORIES: "${category}" ${notPlain}` };
    if (seen.has(fold(category))) return { problem: `ORG_COMPLAINT_CATEGORIES names "${category}" twice` };
    seen.add(fold(category));
  }
  if (categories.length > 500) return { problem: 'ORG_COMPLAINT_CATEGORIES may name at most 500 categories' };
  return { categories };
}
