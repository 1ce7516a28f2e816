import { HOUSING_OMBUDSMAN } from '@complaints/reporting';

/**
 * The Housing Ombudsman Service as every letter names it (Code 5.x/6.x: the resident is told of
 * their right to go to the Ombudsman, and how): the scheme's public contact details the resident
 * page shows too (HOUSING_OMBUDSMAN in @complaints/reporting), plus the postal address a letter
 * gives, and the website written as a reader types it. Not the landlord's to configure.
 */
export const LETTER_OMBUDSMAN = {
  name: HOUSING_OMBUDSMAN.name,
  addressLines: ['PO Box 1484', 'Unit D', 'Preston', 'PR2 0ET'],
  phone: HOUSING_OMBUDSMAN.telephone,
  email: HOUSING_OMBUDSMAN.email,
  website: HOUSING_OMBUDSMAN.website.replace(/^https:\/\//, ''),
} as const;
export type OmbudsmanDetails = typeof LETTER_OMBUDSMAN;
