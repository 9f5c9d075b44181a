/**
 * Okabe & Ito's palette, designed to stay apart for the common colour-vision deficiencies: the
 * colours of the lines the panels draw (everything else comes from the theme).
 */
export const OKABE_ITO = {
  vermillion: '#D55E00',
  orange: '#E69F00',
  green: '#009E73',
  skyBlue: '#56B4E9',
  blue: '#0072B2',
  purple: '#CC79A7',
  yellow: '#F0E442',
  grey: '#999999',
} as const;
