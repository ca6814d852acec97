// The legal pages (mentions légales, données personnelles, déclaration d'accessibilité): one lazy chunk, fetched
// on the first visit to one of them; the learner's first page does not carry their text.
export { AccessibilityPage } from './accessibility-page';
export { LegalNoticePage } from './legal-notice-page';
export { PersonalDataPage } from './personal-data-page';
