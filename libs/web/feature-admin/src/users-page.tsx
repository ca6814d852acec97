import { type AdminUserSummary, ROLE_LABELS, ROLES, type Role } from '@academie/contracts';
import { grantRole, listAdminUsers, reactivateUser, suspendUser, withdrawRole } from '@academie/web-data-access';
import { formatDate } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Confirmation, MoreButton, TabHeading, errorMessage, useAnnounce, useCursorList, TableFrame } from './admin-kit';

const fullName = (user: Pick<AdminUserSummary, 'firstName' | 'lastName'>) => `${user.firstName} ${user.lastName}`.trim();

type PendingAction =
  | { kind: 'grant'; role: Role }
  | { kind: 'withdraw'; role: Role }
  | { kind: 'suspend' }
  | { kind: 'reactivate' };

/** Accounts: search by e-mail or name, then grant or withdraw a role, suspend or reactivate, each confirmed. */
export function UsersPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const list = useCursorList<AdminUserSummary>(`users:${q}`, (cursor) => listAdminUsers({ q: q || undefined, cursor, limit: 20 }));
  const selected = list.items?.find((user) => user.id === selectedId);

  const search = (event: FormEvent) => {
    event.preventDefault();
    setSelectedId(null);
    setSearchParams(draft.trim() === '' ? {} : { q: draft.trim() });
  };

  return (
    <>
      <TabHeading title="Utilisateurs" lead="Retrouvez un compte par son adresse e-mail ou son nom, puis gérez ses rôles ou suspendez-le." />
      <form role="search" onSubmit={search} className={fr.cx('fr-mb-4w')}>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
            <Input
              label="Adresse e-mail ou nom"
              hintText="Une partie suffit, par exemple « dupont » ou « @exemple.fr »."
              nativeInputProps={{ value: draft, onChange: (event) => setDraft(event.target.value), type: 'search', maxLength: 100 }}
            />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <Button type="submit" iconId="fr-icon-search-line">
              Rechercher
            </Button>
          </div>
        </div>
      </form>

      {list.loading && <p role="status">Recherche des comptes…</p>}
      {list.error !== undefined && <p className={fr.cx('fr-error-text')}>{list.error}</p>}
      {list.items !== undefined && (
        <section aria-labelledby="comptes-titre">
          <h2 id="comptes-titre" className={fr.cx('fr-h4')}>
            {list.items.length === 0 ? 'Aucun compte ne correspond' : q ? `Comptes correspondant à « ${q} »` : 'Derniers comptes créés'}
          </h2>
          {list.items.length > 0 && (
            <TableFrame caption="Comptes">
                      <thead>
                        <tr>
                          <th scope="col">Nom</th>
                          <th scope="col">Adresse e-mail</th>
                          <th scope="col">Rôles</th>
                          <th scope="col">État</th>
                          <th scope="col">Action</th>
                        </tr>
                      </thead>
                      <tbody>
                        {list.items.map((user) => (
                          <tr key={user.id}>
                            <td>{fullName(user)}</td>
                            <td>{user.email}</td>
                            <td>{user.roles.map((role) => ROLE_LABELS[role]).join(', ')}</td>
                            <td>
                              {user.suspended ? (
                                <Badge severity="error" small noIcon>
                                  Suspendu
                                </Badge>
                              ) : (
                                <Badge severity="success" small noIcon>
                                  Actif
                                </Badge>
                              )}
                            </td>
                            <td>
                              <Button size="small" priority={selectedId === user.id ? 'primary' : 'secondary'} onClick={() => setSelectedId(user.id)} aria-controls="compte-selectionne">
                                Gérer<span className={fr.cx('fr-sr-only')}> le compte de {fullName(user)}</span>
                              </Button>
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </TableFrame>
          )}
          <MoreButton list={list} label="Afficher plus de comptes" />
        </section>
      )}
      <div id="compte-selectionne">
        {selected !== undefined && <UserPanel key={selected.id} user={selected} onChange={(next) => list.replace((user) => user.id === next.id, next)} />}
      </div>
    </>
  );
}

function UserPanel({ user, onChange }: { user: AdminUserSummary; onChange: (user: AdminUserSummary) => void }) {
  const announce = useAnnounce();
  const grantable = ROLES.filter((role) => role !== 'learner' && !user.roles.includes(role));
  const [roleToGrant, setRoleToGrant] = useState<Role | ''>('');
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [busy, setBusy] = useState(false);
  const name = fullName(user);

  const run = async (action: PendingAction) => {
    setBusy(true);
    try {
      const next =
        action.kind === 'grant'
          ? await grantRole(user.id, action.role)
          : action.kind === 'withdraw'
            ? await withdrawRole(user.id, action.role)
            : action.kind === 'suspend'
              ? await suspendUser(user.id)
              : await reactivateUser(user.id);
      onChange(next);
      setPending(null);
      setRoleToGrant('');
      const title =
        action.kind === 'grant'
          ? `Rôle « ${ROLE_LABELS[action.role]} » accordé à ${name}.`
          : action.kind === 'withdraw'
            ? `Rôle « ${ROLE_LABELS[action.role]} » retiré à ${name}.`
            : action.kind === 'suspend'
              ? `Compte de ${name} suspendu : ses sessions sont fermées.`
              : `Compte de ${name} réactivé.`;
      announce({ severity: 'success', title });
    } catch (failure) {
      setPending(null);
      announce({ severity: 'error', title: 'L’action n’a pas abouti.', description: errorMessage(failure) });
    } finally {
      setBusy(false);
    }
  };

  const question = (action: PendingAction): string => {
    switch (action.kind) {
      case 'grant':
        return `Accorder le rôle « ${ROLE_LABELS[action.role]} » à ${name} ?`;
      case 'withdraw':
        return `Retirer le rôle « ${ROLE_LABELS[action.role]} » à ${name} ?`;
      case 'suspend':
        return `Suspendre le compte de ${name} ?`;
      case 'reactivate':
        return `Réactiver le compte de ${name} ?`;
    }
  };

  return (
    <section aria-labelledby="compte-titre" className={fr.cx('fr-mt-4w', 'fr-p-3w')} style={{ background: 'var(--background-alt-grey)' }}>
      <h2 id="compte-titre" className={fr.cx('fr-h4')}>
        {name}
      </h2>
      <p className={fr.cx('fr-mb-1w')}>
        {user.email} · compte créé le {formatDate(user.createdAt)} · adresse {user.emailVerified ? 'vérifiée' : 'non vérifiée'}
      </p>
      <p>
        <Link className={fr.cx('fr-link')} to={`/administration/journal?targetId=${encodeURIComponent(user.id)}`}>
          Voir le journal d’audit de ce compte
        </Link>
      </p>

      {pending !== null && (
        <Confirmation
          id="confirmation-compte"
          question={question(pending)}
          detail={pending.kind === 'suspend' ? 'La personne est déconnectée partout et ne peut plus se connecter tant que le compte est suspendu.' : undefined}
          confirmLabel="Confirmer"
          busy={busy}
          onConfirm={() => void run(pending)}
          onCancel={() => setPending(null)}
        />
      )}

      <h3 className={fr.cx('fr-h6')}>Rôles</h3>
      <ul>
        {user.roles.map((role) => (
          <li key={role} className={fr.cx('fr-mb-1w')}>
            {ROLE_LABELS[role]}
            {role !== 'learner' && (
              <Button size="small" priority="tertiary" className={fr.cx('fr-ml-2w')} onClick={() => setPending({ kind: 'withdraw', role })} disabled={busy}>
                Retirer<span className={fr.cx('fr-sr-only')}> le rôle {ROLE_LABELS[role]}</span>
              </Button>
            )}
          </li>
        ))}
      </ul>
      {grantable.length > 0 && (
        <form
          className={fr.cx('fr-mb-4w')}
          onSubmit={(event) => {
            event.preventDefault();
            if (roleToGrant !== '') setPending({ kind: 'grant', role: roleToGrant });
          }}
        >
          <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
            <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
              <Select
                label="Rôle à accorder"
                nativeSelectProps={{ value: roleToGrant, onChange: (event) => setRoleToGrant(event.target.value as Role | ''), required: true }}
              >
                <option value="">Choisir un rôle</option>
                {grantable.map((role) => (
                  <option key={role} value={role}>
                    {ROLE_LABELS[role]}
                  </option>
                ))}
              </Select>
            </div>
            <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
              <Button type="submit" priority="secondary" disabled={busy}>
                Accorder le rôle
              </Button>
            </div>
          </div>
        </form>
      )}

      <h3 className={fr.cx('fr-h6')}>Accès</h3>
      <p>
        {user.suspended ? 'Ce compte est suspendu.' : 'Ce compte est actif.'}{' '}
        <Button
          size="small"
          priority="secondary"
          className={fr.cx('fr-ml-2w')}
          onClick={() => setPending(user.suspended ? { kind: 'reactivate' } : { kind: 'suspend' })}
          disabled={busy}
        >
          {user.suspended ? 'Réactiver le compte' : 'Suspendre le compte'}
        </Button>
      </p>
    </section>
  );
}
