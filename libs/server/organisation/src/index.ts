// The organisation context's public face.
export { OrganisationModule, OrganisationWorkerModule } from './organisation.module';
export { ORG_REMINDERS_SCHEDULE_ID, OrganisationRemindersProcessor } from './reminder/reminders.processor';
export { sendDueReminders, reminderSteps, stepFor } from './reminder/due-reminders';
export { OrganisationError } from './organisation.errors';
// Importing e-mail addresses outside HTTP, through the same code as the route: the benchmark.
export { importEmails, type ImportInput } from './invitation/import-emails';
export { parseEmailCsv } from './invitation/email-csv';
