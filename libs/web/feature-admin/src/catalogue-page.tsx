import {
  COMPANY_SIZES,
  type CompanySize,
  PRICE_RANGES,
  PRICE_RANGE_CODES,
  type PriceRange,
  type SearchSynonymGroup,
  type SolutionInput,
  type SolutionSummary,
  USE_CASES,
  USE_CASE_CODES,
  type UseCase,
} from '@academie/contracts';
import {
  createSolution,
  createSynonymGroup,
  deleteSolution,
  deleteSynonymGroup,
  listAdminSolutions,
  updateSolution,
  updateSynonymGroup,
  useSearchSynonyms,
} from '@academie/web-data-access';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState, type FormEvent } from 'react';
import { parseTerms } from './format';
import { COMPANY_SIZE_LABELS, Confirmation, MoreButton, TabHeading, bodyMessage, errorMessage, useAnnounce, useCursorList, TableFrame } from './admin-kit';

/** The turnkey solutions shown at /solutions and the synonym groups of the catalogue search. */
export function CataloguePage() {
  return (
    <>
      <TabHeading
        title="Solutions et synonymes"
        lead="Les solutions clés en main présentées aux entreprises, et les groupes de synonymes que la recherche du catalogue traite comme un seul mot."
      />
      <SolutionsSection />
      <SynonymsSection />
    </>
  );
}

// --- Solutions -------------------------------------------------------------------------------------------

const EMPTY_SOLUTION: SolutionInput = {
  name: '',
  provider: '',
  description: '',
  useCases: [],
  sectors: [],
  companySizes: [],
  priceRange: 'gratuit',
  url: 'https://',
  privateOffer: true,
};

function toggle<T>(values: T[], value: T, on: boolean): T[] {
  return on ? [...values.filter((item) => item !== value), value] : values.filter((item) => item !== value);
}

function SolutionsSection() {
  const announce = useAnnounce();
  const [version, setVersion] = useState(0);
  const list = useCursorList<SolutionSummary>(`solutions:${version}`, (cursor) => listAdminSolutions(cursor));
  const [editing, setEditing] = useState<SolutionSummary | 'new' | null>(null);
  const [deleting, setDeleting] = useState<SolutionSummary | null>(null);
  const [busy, setBusy] = useState(false);

  const remove = async (solution: SolutionSummary) => {
    setBusy(true);
    try {
      await deleteSolution(solution.id);
      setDeleting(null);
      setVersion((n) => n + 1);
      announce({ severity: 'success', title: `Solution « ${solution.name} » supprimée.` });
    } catch (failure) {
      setDeleting(null);
      announce({ severity: 'error', title: 'La solution n’a pas été supprimée.', description: errorMessage(failure) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="solutions-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="solutions-titre" className={fr.cx('fr-h4')}>
        Solutions clés en main
      </h2>
      {editing === null && (
        <p>
          <Button iconId="fr-icon-add-line" onClick={() => setEditing('new')}>
            Ajouter une solution
          </Button>
        </p>
      )}
      {editing !== null && (
        <SolutionForm
          key={editing === 'new' ? 'new' : editing.id}
          solution={editing === 'new' ? null : editing}
          onDone={(saved) => {
            setEditing(null);
            if (saved !== null) {
              setVersion((n) => n + 1);
              announce({ severity: 'success', title: `Solution « ${saved.name} » enregistrée.` });
            }
          }}
        />
      )}
      {deleting !== null && (
        <Confirmation
          id="confirmation-solution"
          question={`Supprimer la solution « ${deleting.name} » ?`}
          detail="Elle disparaît de la page des solutions et des cours qui la citent."
          confirmLabel="Supprimer la solution"
          busy={busy}
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(null)}
        />
      )}
      {list.loading && <p role="status">Chargement des solutions…</p>}
      {list.error !== undefined && <p className={fr.cx('fr-error-text')}>{list.error}</p>}
      {list.items !== undefined &&
        (list.items.length === 0 ? (
          <p>Aucune solution pour le moment.</p>
        ) : (
          <TableFrame caption="Solutions clés en main">
                    <thead>
                      <tr>
                        <th scope="col">Solution</th>
                        <th scope="col">Usages</th>
                        <th scope="col">Prix</th>
                        <th scope="col">Actions</th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.items.map((solution) => (
                        <tr key={solution.id}>
                          <td>
                            {solution.name}
                            <br />
                            <span className={fr.cx('fr-text--xs')}>{solution.provider}</span>
                          </td>
                          <td>{solution.useCases.map((useCase) => USE_CASES[useCase]).join(', ')}</td>
                          <td>{PRICE_RANGES[solution.priceRange]}</td>
                          <td>
                            <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm')}>
                              <li>
                                <Button size="small" priority="secondary" onClick={() => setEditing(solution)}>
                                  Modifier<span className={fr.cx('fr-sr-only')}> {solution.name}</span>
                                </Button>
                              </li>
                              <li>
                                <Button size="small" priority="tertiary" onClick={() => setDeleting(solution)}>
                                  Supprimer<span className={fr.cx('fr-sr-only')}> {solution.name}</span>
                                </Button>
                              </li>
                            </ul>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </TableFrame>
        ))}
      <MoreButton list={list} label="Afficher plus de solutions" />
    </section>
  );
}

function SolutionForm({ solution, onDone }: { solution: SolutionSummary | null; onDone: (saved: SolutionSummary | null) => void }) {
  const [value, setValue] = useState<SolutionInput>(() => {
    if (solution === null) return EMPTY_SOLUTION;
    const { id: _id, ...input } = solution;
    return input;
  });
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof SolutionInput>(key: K, next: SolutionInput[K]) => setValue((previous) => ({ ...previous, [key]: next }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (value.useCases.length === 0 || value.companySizes.length === 0) {
      setProblem('Cochez au moins un usage et une taille d’entreprise.');
      document.getElementById('solution-erreur')?.focus();
      return;
    }
    setBusy(true);
    try {
      const saved = solution === null ? await createSolution(value) : await updateSolution(solution.id, value);
      onDone(saved);
    } catch (failure) {
      setProblem(errorMessage(failure));
      document.getElementById('solution-erreur')?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="solution-formulaire" className={fr.cx('fr-p-3w', 'fr-mb-4w')} style={{ background: 'var(--background-alt-grey)' }}>
      <h3 id="solution-formulaire" className={fr.cx('fr-h5')}>
        {solution === null ? 'Nouvelle solution' : `Modifier « ${solution.name} »`}
      </h3>
      <p id="solution-erreur" tabIndex={-1} className={problem ? fr.cx('fr-error-text') : undefined}>
        {problem}
      </p>
      <Input label="Nom" nativeInputProps={{ value: value.name, onChange: (event) => set('name', event.target.value), required: true, maxLength: 120 }} />
      <Input label="Éditeur" nativeInputProps={{ value: value.provider, onChange: (event) => set('provider', event.target.value), required: true, maxLength: 120 }} />
      <Input textArea label="Description" nativeTextAreaProps={{ value: value.description, onChange: (event) => set('description', event.target.value), required: true, maxLength: 2000, rows: 4 }} />
      <Input label="Adresse du site" hintText="En https." nativeInputProps={{ type: 'url', value: value.url, onChange: (event) => set('url', event.target.value), required: true, maxLength: 500 }} />
      <Checkbox
        legend="Usages"
        orientation="horizontal"
        options={USE_CASE_CODES.map((code: UseCase) => ({
          label: USE_CASES[code],
          nativeInputProps: { checked: value.useCases.includes(code), onChange: (event) => set('useCases', toggle(value.useCases, code, event.target.checked)) },
        }))}
      />
      <Checkbox
        legend="Tailles d’entreprise"
        orientation="horizontal"
        options={COMPANY_SIZES.map((size: CompanySize) => ({
          label: COMPANY_SIZE_LABELS[size],
          nativeInputProps: {
            checked: value.companySizes.includes(size),
            onChange: (event) => set('companySizes', toggle(value.companySizes, size, event.target.checked)),
          },
        }))}
      />
      <Select label="Prix" nativeSelectProps={{ value: value.priceRange, onChange: (event) => set('priceRange', event.target.value as PriceRange) }}>
        {PRICE_RANGE_CODES.map((code) => (
          <option key={code} value={code}>
            {PRICE_RANGES[code]}
          </option>
        ))}
      </Select>
      <Checkbox
        options={[
          {
            label: 'Offre commerciale d’une entreprise privée',
            hintText: 'Présentée avec la mention qui l’indique.',
            nativeInputProps: { checked: value.privateOffer, onChange: (event) => set('privateOffer', event.target.checked) },
          },
        ]}
      />
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
        <li>
          <Button type="submit" disabled={busy}>
            Enregistrer la solution
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={() => onDone(null)} disabled={busy}>
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}

// --- Synonyms --------------------------------------------------------------------------------------------

function SynonymsSection() {
  const announce = useAnnounce();
  const synonyms = useSearchSynonyms();
  const [editing, setEditing] = useState<SearchSynonymGroup | 'new' | null>(null);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [deleting, setDeleting] = useState<SearchSynonymGroup | null>(null);
  const [busy, setBusy] = useState(false);

  const open = (group: SearchSynonymGroup | 'new') => {
    setEditing(group);
    setText(group === 'new' ? '' : group.terms.join(', '));
    setProblem(undefined);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const terms = parseTerms(text);
    if (terms.length < 2 || terms.length > 20) {
      setProblem('Saisissez de 2 à 20 expressions, séparées par des virgules ou une par ligne.');
      document.getElementById('synonymes-termes')?.focus();
      return;
    }
    setBusy(true);
    try {
      const saved = editing === 'new' || editing === null ? await createSynonymGroup(terms) : await updateSynonymGroup(editing.id, terms);
      setEditing(null);
      synonyms.refresh();
      announce({ severity: 'success', title: `Synonymes enregistrés : ${saved.terms.join(', ')}.`, description: 'La prochaine recherche en tient compte.' });
    } catch (failure) {
      setProblem(errorMessage(failure));
      document.getElementById('synonymes-termes')?.focus();
    } finally {
      setBusy(false);
    }
  };

  const remove = async (group: SearchSynonymGroup) => {
    setBusy(true);
    try {
      await deleteSynonymGroup(group.id);
      setDeleting(null);
      synonyms.refresh();
      announce({ severity: 'success', title: `Synonymes supprimés : ${group.terms.join(', ')}.` });
    } catch (failure) {
      setDeleting(null);
      announce({ severity: 'error', title: 'Les synonymes n’ont pas été supprimés.', description: errorMessage(failure) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="synonymes-titre">
      <h2 id="synonymes-titre" className={fr.cx('fr-h4')}>
        Synonymes de la recherche
      </h2>
      {editing === null ? (
        <p>
          <Button iconId="fr-icon-add-line" onClick={() => open('new')}>
            Ajouter un groupe de synonymes
          </Button>
        </p>
      ) : (
        <form onSubmit={(event) => void save(event)} className={fr.cx('fr-p-3w', 'fr-mb-4w')} style={{ background: 'var(--background-alt-grey)' }}>
          <Input
            textArea
            label={editing === 'new' ? 'Nouveau groupe de synonymes' : 'Expressions du groupe'}
            hintText="De 2 à 20 expressions, séparées par des virgules ou une par ligne, par exemple « IA, intelligence artificielle »."
            state={problem ? 'error' : 'default'}
            stateRelatedMessage={problem}
            nativeTextAreaProps={{ id: 'synonymes-termes', value: text, onChange: (event) => setText(event.target.value), rows: 3 }}
          />
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
            <li>
              <Button type="submit" disabled={busy}>
                Enregistrer les synonymes
              </Button>
            </li>
            <li>
              <Button type="button" priority="secondary" onClick={() => setEditing(null)} disabled={busy}>
                Annuler
              </Button>
            </li>
          </ul>
        </form>
      )}
      {deleting !== null && (
        <Confirmation
          id="confirmation-synonymes"
          question={`Supprimer le groupe « ${deleting.terms.join(', ')} » ?`}
          confirmLabel="Supprimer le groupe"
          busy={busy}
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(null)}
        />
      )}
      {synonyms.loading && <p role="status">Chargement des synonymes…</p>}
      {synonyms.error !== undefined && <p className={fr.cx('fr-error-text')}>{bodyMessage(synonyms.error)}</p>}
      {synonyms.data !== undefined &&
        (synonyms.data.length === 0 ? (
          <p>Aucun groupe de synonymes.</p>
        ) : (
          <ul>
            {synonyms.data.map((group) => (
              <li key={group.id} className={fr.cx('fr-mb-1w')}>
                {group.terms.join(' · ')}
                <Button size="small" priority="tertiary" className={fr.cx('fr-ml-2w')} onClick={() => open(group)}>
                  Modifier<span className={fr.cx('fr-sr-only')}> le groupe {group.terms.join(', ')}</span>
                </Button>
                <Button size="small" priority="tertiary" className={fr.cx('fr-ml-1w')} onClick={() => setDeleting(group)}>
                  Supprimer<span className={fr.cx('fr-sr-only')}> le groupe {group.terms.join(', ')}</span>
                </Button>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
