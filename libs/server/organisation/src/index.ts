// The organisation context's public face.
export { OrganisationModule } from './organisation.module';
export { OrganisationError } from './organisation.errors';
// Importing e-mail addresses outside HTTP, through the same code as the route: the benchmark.
export { importEmails, type ImportInput } from './invitation/import-emails';
export { parseEmailCsv } from './invitation/email-csv';
