// The administrators' console (/administration/*): accounts and roles, the audit log, failed jobs, the outbox
// lag, certificates, solutions and synonyms, courses. Loaded lazily by the app's routes (admin-[hash].js): none
// of it weighs on the learner's first page.
export { AdminRoutes } from './admin-routes';
