import { defineErrors } from '@academie/server-core';

export const SystemError = defineErrors({
  PingNotFound: { status: 404, message: 'Ping introuvable.' },
  JobNotFound: { status: 404, message: 'Tâche introuvable dans cette file.' },
  JobNotFailed: { status: 409, message: "Cette tâche n'est pas en échec : elle ne peut pas être relancée." },
  JobStoreUnavailable: { status: 503, message: 'Service momentanément indisponible : réessayez dans un instant.' },
});
