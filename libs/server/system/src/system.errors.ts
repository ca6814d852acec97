import { defineErrors } from '@academie/server-core';

export const SystemError = defineErrors({
  PingNotFound: { status: 404, message: 'Ping introuvable.' },
});
