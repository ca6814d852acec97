import { defineErrors } from '@academie/server-core';

/** Every error code of the certification context and its HTTP status, in one map. */
export const CertificationError = defineErrors({
  InvalidCode: { status: 400, message: 'Code de vérification invalide : 16 caractères, chiffres et lettres.' },
  InvalidCursor: { status: 400, message: 'Curseur de pagination invalide.' },
  InvalidAdminQuery: { status: 400, message: 'Saisissez un code de vérification ou une adresse e-mail.' },
  CertificateNotFound: { status: 404, message: 'Aucun certificat ne porte ce code.' },
  AchievementNotFound: { status: 404, message: 'Aucun cours publié ne porte cet identifiant.' },
  StatusListNotFound: { status: 404, message: 'Liste de statut inconnue.' },
  NotificationNotFound: { status: 404, message: 'Notification introuvable.' },
  CertificateRevoked: { status: 410, message: 'Ce certificat a été révoqué : il n’est plus délivré.' },
  CredentialErased: { status: 410, message: 'Le justificatif numérique de ce certificat a été effacé à la demande de la personne.' },
  AlreadyRevoked: { status: 409, message: 'Ce certificat est déjà révoqué.' },
});
