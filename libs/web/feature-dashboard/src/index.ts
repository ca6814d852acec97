// The ministry's dashboard of the plan's indicators (/tableau-de-bord). Loaded lazily by the app's routes:
// its charts and tables never weigh on the learner's first page.
export { DashboardPage } from './dashboard-page';
