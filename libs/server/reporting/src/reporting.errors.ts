import { defineErrors } from '@academie/server-core';

/** Error codes of the reporting context and their HTTP status, in one map. */
export const ReportingError = defineErrors({
  InvalidQuery: { status: 400, message: 'Requête invalide.' },
});
