import { defineErrors } from '@academie/server-core';

export const CatalogError = defineErrors({
  InvalidCursor: { status: 400, message: 'Curseur de pagination invalide.' },
});
