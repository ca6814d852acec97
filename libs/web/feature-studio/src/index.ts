// The trainers' studio (write, preview and submit courses) and the reviewers' queue (read, publish or send
// back). Loaded lazily by the app's routes: learners never download it.
export { ReviewRoutes, StudioRoutes } from './studio-routes';
