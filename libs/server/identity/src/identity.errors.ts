import { defineErrors } from '@academie/server-core';

/**
 * Every error code of the identity context and its HTTP status, in one map. Messages are French (shown to
 * people); `details` name the field in English, as the validation pipe does.
 */
export const IdentityError = defineErrors({
  // 400
  InvalidEmailToken: { status: 400, message: 'Ce lien de vérification est invalide, expiré ou déjà utilisé.' },
  InvalidResetToken: { status: 400, message: 'Ce lien de réinitialisation est invalide, expiré ou déjà utilisé.' },
  WeakPassword: { status: 400, message: 'Ce mot de passe ne convient pas.' },
  WrongCurrentPassword: { status: 400, message: 'Le mot de passe actuel est incorrect.' },
  InvalidProfile: { status: 400, message: 'Profil invalide.' },
  InvalidCursor: { status: 400, message: 'Curseur de pagination invalide.' },
  RoleNotWithdrawable: { status: 400, message: 'Ce rôle ne peut pas être retiré.' },
  // 401
  Unauthenticated: { status: 401, message: 'Authentification requise.' },
  InvalidAccessToken: { status: 401, message: 'Session invalide ou expirée : reconnectez-vous.' },
  InvalidCredentials: { status: 401, message: 'Adresse e-mail ou mot de passe incorrect.' },
  InvalidRefreshToken: { status: 401, message: 'Session expirée : reconnectez-vous.' },
  // 403
  CsrfMismatch: { status: 403, message: 'Requête refusée : jeton anti-CSRF absent ou invalide.' },
  Forbidden: { status: 403, message: "Vous n'avez pas les droits nécessaires." },
  AccountSuspended: { status: 403, message: 'Ce compte est suspendu.' },
  // 404
  UserNotFound: { status: 404, message: 'Utilisateur introuvable.' },
  SsoProviderDisabled: { status: 404, message: "Ce fournisseur d'identité n'est pas activé." },
  // 409
  SelfLockout: { status: 409, message: 'Vous ne pouvez pas vous retirer vos propres droits d’administration ni vous suspendre.' },
  // 429, 503
  RateLimited: { status: 429, message: 'Trop de tentatives : réessayez plus tard.' },
  RateLimitUnavailable: { status: 503, message: 'Service momentanément indisponible : réessayez dans un instant.' },
});
