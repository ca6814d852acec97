// Organisations on the web: creating one, inviting people, teams, assignments and progress (/mon-organisation),
// and joining through an invitation (/rejoindre). Loaded lazily by the app's routes.
export { JoinOrganisationPage } from './join-page';
export { OrganisationPage } from './organisation-page';
