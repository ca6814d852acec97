import { defineErrors } from '@academie/server-core';

/** Every error code of the organisation context and its HTTP status. */
export const OrganisationError = defineErrors({
  InvalidCsv: { status: 400, message: 'Fichier CSV invalide.' },
  InvalidOrganisation: { status: 400, message: 'Organisation invalide.' },
  NotOrganisationManager: { status: 403, message: 'Ce rôle dans l’organisation ne permet pas cette action.' },
  InvitationForAnotherAddress: { status: 403, message: 'Cette invitation a été envoyée à une autre adresse e-mail.' },
  OrganisationNotFound: { status: 404, message: 'Organisation introuvable.' },
  MemberNotFound: { status: 404, message: 'Membre introuvable.' },
  InvitationNotFound: { status: 404, message: 'Invitation introuvable, expirée ou déjà utilisée.' },
  ImportNotFound: { status: 404, message: 'Import introuvable.' },
  CohortNotFound: { status: 404, message: 'Groupe introuvable.' },
  CourseNotFound: { status: 404, message: 'Cours introuvable.' },
  CohortNameTaken: { status: 409, message: 'Un groupe porte déjà ce nom dans cette organisation.' },
  LastAdmin: { status: 409, message: 'L’organisation doit garder au moins un administrateur.' },
});
