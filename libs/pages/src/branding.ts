/**
 * The landlord's own identity on every page (ORG_NAME, ORG_BRAND_COLOUR): never the crown,
 * the GOV.UK logotype or the GDS Transport font, which are reserved for GOV.UK services.
 */
export interface Branding {
  /** The landlord's name, shown in the header, the page titles and the footer. */
  landlordName: string;
  /** The header and link colour, `#rrggbb`; white text sits on it, so it must contrast with white (checked in config). */
  brandColour: string;
  /** The product's name under the landlord's: what these pages are. */
  serviceName: string;
}

export const DEFAULT_BRANDING: Branding = {
  landlordName: 'Your landlord',
  brandColour: '#1d70b8',
  serviceName: 'Complaints',
};

/** WCAG 2.2 relative luminance of an sRGB `#rrggbb` colour. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of a colour against white (WCAG: 4.5 or more for normal text). */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

export const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
