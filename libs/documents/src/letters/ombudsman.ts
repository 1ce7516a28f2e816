/**
 * The Housing Ombudsman Service's contact details, as every letter names them (Code 5.x/6.x: the
 * resident is told of their right to go to the Ombudsman, and how). Public facts of the scheme,
 * not the landlord's to configure; docs/letters.md says where they come from.
 */
export const HOUSING_OMBUDSMAN = {
  name: 'Housing Ombudsman Service',
  addressLines: ['PO Box 1484', 'Unit D', 'Preston', 'PR2 0ET'],
  phone: '0300 111 3000',
  email: 'info@housing-ombudsman.org.uk',
  website: 'www.housing-ombudsman.org.uk',
} as const;
export type OmbudsmanDetails = typeof HOUSING_OMBUDSMAN;
