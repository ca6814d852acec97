import type { LessonInput, QuizQuestionInput, SolutionInput } from '@academie/contracts';

/** Placeholder videos live on a neutral domain: the player, captions and transcript are real, the file is not. */
const VIDEO_BASE = 'https://videos.academie-ia.example';

/** A video lesson whose WebVTT captions say the given sentences, about 6 seconds each. */
export function video(slug: string, file: string, title: string, minutes: number, sentences: string[]): LessonInput {
  const stamp = (s: number) => `00:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.000`;
  const cues = sentences.map((text, i) => `${i + 1}\n${stamp(i * 6)} --> ${stamp(i * 6 + 6)}\n${text}`);
  return {
    kind: 'video',
    title,
    durationMinutes: minutes,
    required: true,
    video: { url: `${VIDEO_BASE}/${slug}/${file}.mp4`, captionsVtt: `WEBVTT\n\n${cues.join('\n\n')}\n`, transcript: sentences.join(' ') },
  };
}

export const text = (title: string, minutes: number, markdown: string, required = true): LessonInput => ({
  kind: 'text',
  title,
  durationMinutes: minutes,
  required,
  text: { markdown },
});

type Q = [kind: QuizQuestionInput['kind'], prompt: string, options: [text: string, correct: boolean, explanation: string][]];
export const quiz = (title: string, questions: Q[], passMark = 70): LessonInput => ({
  kind: 'quiz',
  title,
  durationMinutes: Math.max(3, questions.length * 2),
  required: true,
  quiz: {
    passMark,
    questions: questions.map(([kind, prompt, options], q) => ({
      id: `q${q + 1}`,
      kind,
      prompt,
      options: options.map(([optionText, correct, explanation], o) => ({ id: `q${q + 1}-o${o + 1}`, text: optionText, correct, explanation })),
    })),
  },
});

const tf = (prompt: string, answer: boolean, ifTrue: string, ifFalse: string): Q => [
  'true_false',
  prompt,
  [
    ['Vrai', answer, ifTrue],
    ['Faux', !answer, ifFalse],
  ],
];

/** Shared by every course: checking what an assistant says before using it. */
const VERIFIER: LessonInput = quiz('Quiz : vérifier avant d’utiliser', [
  tf(
    'Une réponse d’IA générative bien rédigée est forcément exacte.',
    false,
    'Non : la forme ne garantit rien, un modèle peut inventer une source ou un chiffre avec assurance.',
    'Exact : une réponse fluide peut contenir des inventions ; vérifiez les faits et les sources.',
  ),
  [
    'multiple',
    'Quelles informations ne faut-il pas coller dans un assistant grand public sans accord de votre entreprise ?',
    [
      ['Les données personnelles de vos clients', true, 'Oui : elles peuvent être conservées ou réutilisées par le fournisseur.'],
      ['Un contrat confidentiel', true, 'Oui : le secret des affaires s’applique aussi aux outils en ligne.'],
      ['Un texte déjà publié sur votre site', false, 'Ce texte est public : le partager ne crée pas de risque supplémentaire.'],
    ],
  ],
]);

export interface SeedModule {
  title: string;
  lessons: LessonInput[];
}

/** The content of each seeded course, by slug (catalog.seed-data.ts holds their metadata). */
export const SEED_CONTENT: Record<string, SeedModule[]> = {
  'decouvrir-ia-generative-tpe': [
    {
      title: 'Ce que fait l’intelligence artificielle générative',
      lessons: [
        text(
          'L’IA générative en clair',
          10,
          `## Une machine qui prédit la suite\n\nUn assistant d’**intelligence artificielle générative** écrit un texte mot après mot en prédisant la suite la plus probable. Il ne « sait » rien au sens humain : il a appris des régularités dans d’immenses quantités de textes.\n\n### Ce qu’il fait bien\n\n- reformuler, résumer, traduire ;\n- proposer un premier jet de devis, de courriel ou de publication ;\n- classer des demandes de clients.\n\n### Ce qu’il fait mal\n\n- donner des chiffres exacts ou des références juridiques sans les inventer ;\n- connaître votre entreprise si vous ne lui en parlez pas.\n\n> Règle d’or : l’IA propose, vous décidez.\n\nPour aller plus loin : [le guide de la CNIL](https://www.cnil.fr/fr/intelligence-artificielle).`,
        ),
        video('decouvrir-ia-generative-tpe', 'trois-usages', 'Trois usages rentables dans une TPE', 8, [
          'Bonjour, voici trois usages de l’IA générative qui font gagner du temps dans une petite entreprise.',
          'Premier usage : préparer un devis à partir de vos notes de visite.',
          'Deuxième usage : répondre plus vite aux questions fréquentes de vos clients.',
          'Troisième usage : rédiger vos publications pour les réseaux sociaux.',
          'Dans chaque cas, relisez et corrigez avant d’envoyer.',
        ]),
      ],
    },
    {
      title: 'Essayer sans budget',
      lessons: [
        text(
          'Votre premier essai en dix minutes',
          10,
          `1. Choisissez une tâche répétitive : par exemple la réponse à une demande de devis.\n2. Décrivez le contexte : « Je suis plombier à Rennes, deux salariés… ».\n3. Donnez un exemple de bonne réponse.\n4. Demandez une proposition, puis **corrigez-la**.\n\nNotez le temps gagné sur une semaine : c’est votre premier indicateur.`,
        ),
        quiz('Quiz : les bases de l’IA générative', [
          [
            'single',
            'Comment un assistant d’IA générative produit-il un texte ?',
            [
              ['Il recopie une page web', false, 'Non : il ne recopie pas, il génère une suite probable.'],
              ['Il prédit la suite la plus probable, mot après mot', true, 'Oui : c’est le principe des grands modèles de langage.'],
              ['Il interroge un expert humain', false, 'Non : aucune personne ne répond à sa place.'],
            ],
          ],
          tf(
            'Pour une bonne réponse, il faut décrire le contexte de votre entreprise.',
            true,
            'Oui : sans contexte, l’assistant répond de façon générique.',
            'Si : le contexte change tout à la qualité de la réponse.',
          ),
        ]),
        VERIFIER,
      ],
    },
  ],
  'automatiser-relation-client': [
    {
      title: 'Cartographier les demandes',
      lessons: [
        text(
          'Les demandes qui reviennent',
          15,
          `## Commencer par les données\n\nAvant tout **assistant conversationnel**, listez les demandes reçues sur un mois : suivi de commande, horaires, retours, réclamations.\n\n| Type de demande | Part | Automatisable |\n|:--|--:|:--:|\n| Suivi de commande | 35 % | oui |\n| Horaires et accès | 20 % | oui |\n| Réclamation | 15 % | non |\n\nLes réclamations restent traitées par un conseiller : l’assistant les **trie** et les transmet.`,
        ),
        video('automatiser-relation-client', 'passer-la-main', 'Passer la main à un conseiller', 7, [
          'Un bon assistant sait reconnaître quand il doit passer la main.',
          'Colère du client, demande sensible ou question hors sujet : il transfère à un conseiller.',
          'Le conseiller reçoit l’historique de l’échange pour ne rien redemander.',
        ]),
      ],
    },
    {
      title: 'Mettre en service',
      lessons: [
        text(
          'Ton, données et supervision',
          15,
          `- Rédigez une **charte de ton** : vouvoiement, phrases courtes, pas de promesse commerciale.\n- Ne donnez à l’assistant que les données utiles : pas d’accès complet à votre fichier clients.\n- Relisez chaque semaine un échantillon de conversations.`,
        ),
        quiz('Quiz : relation client automatisée', [
          [
            'single',
            'Que doit faire l’assistant face à une réclamation d’un client mécontent ?',
            [
              ['Proposer un avoir automatiquement', false, 'Non : un geste commercial relève d’une décision humaine.'],
              ['Transmettre à un conseiller avec l’historique', true, 'Oui : il trie et passe la main au bon moment.'],
              ['Ignorer le message', false, 'Jamais : chaque réclamation doit être traitée.'],
            ],
          ],
          [
            'multiple',
            'Quelles demandes se prêtent bien à l’automatisation ?',
            [
              ['Le suivi de commande', true, 'Oui : la réponse vient de données disponibles.'],
              ['Les horaires d’ouverture', true, 'Oui : c’est une information stable.'],
              ['Une contestation de facture', false, 'Non : elle demande l’examen d’un conseiller.'],
            ],
          ],
        ]),
      ],
    },
  ],
  'ia-et-rgpd': [
    {
      title: 'Ce que le droit exige',
      lessons: [
        text(
          'RGPD et règlement européen sur l’IA',
          20,
          `## Deux textes, deux logiques\n\nLe **règlement général sur la protection des données** (RGPD) protège les personnes dont vous traitez les données. Le **règlement européen sur l’IA** classe les systèmes selon leur risque.\n\n### Avant chaque projet\n\n1. Quelle est la **base légale** du traitement ?\n2. Les personnes sont-elles **informées** ?\n3. Faut-il une **analyse d’impact** ?\n4. Le fournisseur s’engage-t-il par contrat ?\n\nRéférence : [CNIL, IA et RGPD](https://www.cnil.fr/fr/intelligence-artificielle).`,
        ),
        video('ia-et-rgpd', 'analyse-impact', 'Quand faire une analyse d’impact', 9, [
          'Une analyse d’impact est obligatoire quand un traitement présente un risque élevé pour les personnes.',
          'C’est souvent le cas d’un système d’IA qui évalue ou surveille des personnes.',
          'Faites-la avant la mise en service, pas après.',
        ]),
      ],
    },
    {
      title: 'Choisir et encadrer un fournisseur',
      lessons: [
        text(
          'Les clauses à vérifier',
          15,
          `- lieu d’hébergement des données ;\n- interdiction de réutiliser vos données pour entraîner le modèle ;\n- durée de conservation ;\n- notification des violations de données sous 72 heures.`,
        ),
        quiz('Quiz : IA et données personnelles', [
          tf(
            'Une analyse d’impact se fait après la mise en service, quand on connaît les risques.',
            false,
            'Non : elle se fait avant, pour corriger le projet à temps.',
            'Exact : elle se fait avant la mise en service.',
          ),
          [
            'single',
            'Quelle clause protège vos données contre l’entraînement du modèle du fournisseur ?',
            [
              ['La clause de non-réutilisation des données', true, 'Oui : elle interdit d’entraîner le modèle avec vos données.'],
              ['La clause de prix', false, 'Non : elle ne dit rien de l’usage des données.'],
              ['La clause de résiliation', false, 'Non : elle règle la fin du contrat, pas l’usage des données.'],
            ],
          ],
        ]),
      ],
    },
  ],
  'prompt-engineering-apprentis': [
    {
      title: 'Formuler une demande claire',
      lessons: [
        text(
          'Les quatre ingrédients d’une bonne demande',
          15,
          `Une demande efficace contient :\n\n1. **un rôle** : « Tu es tuteur en BTS commerce » ;\n2. **une tâche** : « explique la marge brute » ;\n3. **un contexte** : « à un apprenti de première année » ;\n4. **un format** : « en cinq lignes, avec un exemple chiffré ».\n\nComparez la réponse obtenue avec et sans ces ingrédients.`,
        ),
        video('prompt-engineering-apprentis', 'reformuler', 'Reformuler quand la réponse ne va pas', 6, [
          'La première réponse n’est pas toujours la bonne.',
          'Précisez ce qui manque : un exemple, un niveau de détail, un ton.',
          'Demandez aussi à l’assistant de citer ses sources.',
        ]),
      ],
    },
    {
      title: 'Vérifier et citer',
      lessons: [
        text('Citer ses sources en formation', 10, `Quand vous utilisez une réponse d’IA dans un devoir, **dites-le** et vérifiez chaque source citée : un lien inventé est une faute.`),
        quiz('Quiz : bien demander', [
          [
            'multiple',
            'Quels éléments améliorent une demande à un assistant ?',
            [
              ['Le rôle attendu', true, 'Oui : il oriente le style et le niveau.'],
              ['Le format de la réponse', true, 'Oui : il évite des réponses trop longues.'],
              ['Des fautes d’orthographe volontaires', false, 'Non : elles n’aident en rien.'],
            ],
          ],
          tf('Il faut signaler l’usage de l’IA dans un devoir.', true, 'Oui : c’est une question d’honnêteté.', 'Si : l’usage doit être signalé.'),
        ]),
      ],
    },
  ],
  'ia-recherche-emploi': [
    {
      title: 'CV et lettre',
      lessons: [
        text(
          'Adapter son CV à une offre',
          15,
          `Collez l’offre, puis demandez : « Quelles compétences de mon CV correspondent à cette offre ? ». Gardez **vos** mots : un recruteur repère vite une lettre générique.\n\n⚠️ Retirez votre adresse et votre numéro de téléphone avant de coller votre CV dans un service en ligne.`,
        ),
        video('ia-recherche-emploi', 'entretien', 'S’entraîner à l’entretien', 8, [
          'Demandez à l’assistant de jouer le recruteur.',
          'Répondez à voix haute, puis demandez-lui un retour sur vos réponses.',
          'Recommencez avec les questions qui vous ont mis en difficulté.',
        ]),
      ],
    },
    {
      title: 'Les métiers qui recrutent',
      lessons: [
        text('Les compétences en IA attendues', 10, `Les employeurs attendent surtout de savoir **utiliser** un assistant avec méthode et esprit critique, bien plus que de programmer.`),
        quiz('Quiz : chercher un emploi avec l’IA', [
          tf(
            'On peut coller son CV complet, adresse comprise, dans n’importe quel service en ligne.',
            false,
            'Non : retirez d’abord vos coordonnées personnelles.',
            'Exact : protégez vos coordonnées.',
          ),
          [
            'single',
            'Quelle compétence en IA les employeurs attendent-ils le plus souvent ?',
            [
              ['Programmer un modèle', false, 'C’est utile pour quelques métiers seulement.'],
              ['Utiliser un assistant avec méthode et esprit critique', true, 'Oui : c’est la compétence la plus demandée.'],
              ['Connaître l’histoire de l’IA', false, 'Intéressant, mais rarement demandé.'],
            ],
          ],
        ]),
      ],
    },
  ],
  'piloter-projet-ia-grand-groupe': [
    {
      title: 'Choisir les cas d’usage',
      lessons: [
        text(
          'Une grille de sélection',
          25,
          `| Critère | Question |\n|:--|:--|\n| Valeur | Quel gain mesurable ? |\n| Faisabilité | Les données existent-elles ? |\n| Risque | Quel niveau selon le règlement européen sur l’IA ? |\n| Adhésion | Les équipes sont-elles associées ? |\n\nNotez chaque projet de 1 à 5 et commencez par ceux qui ont la meilleure valeur à risque faible.`,
        ),
        video('piloter-projet-ia-grand-groupe', 'gouvernance', 'Gouvernance des modèles', 12, [
          'Chaque modèle en production a un responsable identifié.',
          'Un comité revoit les modèles à risque au moins deux fois par an.',
          'Les représentants du personnel sont informés et consultés en amont.',
        ]),
      ],
    },
    {
      title: 'Passer à l’échelle',
      lessons: [
        text('Mesurer la valeur', 20, `Définissez l’indicateur **avant** le pilote, mesurez-le sur un groupe témoin et publiez les résultats, bons ou mauvais.`),
        quiz('Quiz : piloter un projet d’IA', [
          [
            'single',
            'Quand faut-il définir l’indicateur de valeur d’un pilote ?',
            [
              ['Avant le pilote', true, 'Oui : sinon on choisit l’indicateur qui arrange.'],
              ['Après le pilote', false, 'Trop tard : le choix serait biaisé.'],
              ['Jamais', false, 'Sans indicateur, impossible de décider du passage à l’échelle.'],
            ],
          ],
          tf('Les représentants du personnel doivent être associés en amont.', true, 'Oui : c’est une obligation et une condition d’adhésion.', 'Si : ils doivent être associés.'),
        ]),
      ],
    },
  ],
  'ia-comptabilite-gestion': [
    {
      title: 'Automatiser la saisie',
      lessons: [
        text(
          'Lire les factures automatiquement',
          20,
          `Les outils de lecture de factures extraient fournisseur, date, montants et TVA. **Contrôlez** les factures au-dessus d’un seuil et toutes celles d’un nouveau fournisseur.`,
        ),
        video('ia-comptabilite-gestion', 'rapprochement', 'Le rapprochement bancaire assisté', 9, [
          'L’outil propose un rapprochement entre relevés bancaires et écritures.',
          'Vous validez les propositions sûres en un clic.',
          'Les écarts restants sont examinés par un comptable.',
        ]),
      ],
    },
    {
      title: 'Relances et contrôles',
      lessons: [
        text('Relancer sans froisser', 15, `Faites rédiger trois niveaux de relance, du rappel courtois à la mise en demeure, et **validez** le ton avant tout envoi.`),
        quiz('Quiz : IA et comptabilité', [
          [
            'multiple',
            'Quelles factures faut-il contrôler à la main ?',
            [
              ['Celles d’un nouveau fournisseur', true, 'Oui : c’est là que se cachent les fraudes au faux fournisseur.'],
              ['Celles au-dessus d’un seuil de montant', true, 'Oui : l’enjeu justifie un contrôle.'],
              ['Aucune, l’outil ne se trompe pas', false, 'Faux : tout outil de lecture se trompe parfois.'],
            ],
          ],
          tf('Un écart de rapprochement peut être validé automatiquement.', false, 'Non : un écart demande un examen humain.', 'Exact : un écart est examiné par un comptable.'),
        ]),
      ],
    },
  ],
  'ia-ressources-humaines': [
    {
      title: 'Usages et limites',
      lessons: [
        text(
          'Ce que le règlement européen interdit ou encadre',
          20,
          `Les systèmes d’IA utilisés pour **recruter** ou **évaluer** des salariés sont à haut risque : documentation, contrôle humain et information des candidats sont obligatoires. La reconnaissance des émotions au travail est **interdite**.`,
        ),
        video('ia-ressources-humaines', 'accompagner', 'Accompagner les salariés', 10, [
          'Annoncez les projets d’IA avant leur déploiement.',
          'Formez les équipes concernées et recueillez leurs retours.',
          'Faites évoluer les fiches de poste avec les salariés.',
        ]),
      ],
    },
    {
      title: 'Recruter avec discernement',
      lessons: [
        text('Trier des candidatures', 15, `Un tri automatique peut reproduire des discriminations passées : auditez-le, et qu’une personne examine toujours les candidatures écartées.`),
        quiz('Quiz : RH et IA', [
          tf(
            'La reconnaissance des émotions des salariés au travail est autorisée si les salariés sont informés.',
            false,
            'Non : elle est interdite par le règlement européen sur l’IA, sauf raisons médicales ou de sécurité.',
            'Exact : elle est interdite.',
          ),
          [
            'single',
            'Comment limiter le risque de discrimination d’un tri automatique ?',
            [
              ['L’auditer et faire examiner les candidatures écartées', true, 'Oui : contrôle et supervision humaine.'],
              ['Augmenter le nombre de critères', false, 'Plus de critères ne corrige pas un biais.'],
              ['Ne rien changer', false, 'Le risque resterait entier.'],
            ],
          ],
        ]),
      ],
    },
  ],
  'maintenance-predictive-industrie': [
    {
      title: 'Données et capteurs',
      lessons: [
        text(
          'Des données exploitables',
          25,
          `Vibrations, températures, intensités : un modèle de **maintenance prédictive** a besoin d’historiques propres et datés, avec les pannes passées renseignées.\n\nSans historique de pannes, commencez par la détection d’anomalies.`,
        ),
        video('maintenance-predictive-industrie', 'capteurs', 'Choisir ses capteurs', 10, [
          'Commencez par les machines dont l’arrêt coûte le plus cher.',
          'Un capteur de vibrations bien placé vaut mieux que dix capteurs mal exploités.',
          'Vérifiez la qualité des données avant de choisir un modèle.',
        ]),
      ],
    },
    {
      title: 'Déployer avec la production',
      lessons: [
        text('Conduire le changement', 20, `Associez les techniciens de maintenance dès le début : ce sont eux qui confirmeront ou infirmeront les alertes.`),
        quiz('Quiz : maintenance prédictive', [
          [
            'single',
            'Sans historique de pannes, par quoi commencer ?',
            [
              ['La détection d’anomalies', true, 'Oui : elle ne demande pas d’exemples de pannes.'],
              ['Un modèle de prédiction de panne supervisé', false, 'Il lui faut des exemples de pannes.'],
              ['Rien', false, 'La détection d’anomalies est déjà utile.'],
            ],
          ],
          tf('Les techniciens doivent être associés dès le début.', true, 'Oui : ils valident les alertes.', 'Si : leur expertise est indispensable.'),
        ]),
      ],
    },
  ],
  'tutoriel-rediger-fiche-produit': [
    {
      title: 'Rédiger la fiche',
      lessons: [
        text(
          'La demande à formuler',
          8,
          `Donnez : le nom du produit, ses **caractéristiques exactes** (dimensions, matières), la cible et le ton de votre boutique. Demandez 120 mots maximum et une liste de trois points forts.`,
        ),
        video('tutoriel-rediger-fiche-produit', 'verifier', 'Vérifier avant publication', 5, [
          'Relisez chaque caractéristique : l’assistant peut en inventer.',
          'Supprimez les promesses que vous ne pouvez pas tenir.',
        ]),
        quiz('Quiz : fiche produit', [
          tf('L’assistant peut inventer une caractéristique du produit.', true, 'Oui : vérifiez chaque donnée technique.', 'Si : cela arrive.'),
        ]),
      ],
    },
  ],
  'tutoriel-compte-rendu-reunion': [
    {
      title: 'Du son au compte rendu',
      lessons: [
        text(
          'Transcrire et résumer',
          6,
          `Informez les participants **avant** d’enregistrer. Transcrivez, puis demandez : « Liste les décisions, puis les actions avec responsable et échéance ».`,
        ),
        video('tutoriel-compte-rendu-reunion', 'confidentialite', 'Réunions confidentielles', 4, [
          'Une réunion confidentielle ne part pas dans un service en ligne grand public.',
          'Utilisez l’outil validé par votre entreprise, ou prenez des notes à la main.',
        ]),
        quiz('Quiz : compte rendu', [
          tf('Il faut informer les participants avant d’enregistrer.', true, 'Oui : c’est une obligation.', 'Si : l’information préalable est obligatoire.'),
        ]),
      ],
    },
  ],
  'ia-agriculture-exploitation': [
    {
      title: 'Au champ',
      lessons: [
        text(
          'Détecter les maladies sur photo',
          15,
          `Des applications reconnaissent les maladies courantes sur une photo de feuille. Elles **orientent** le diagnostic ; la confirmation reste celle d’un technicien ou d’un conseiller agricole.`,
        ),
        video('ia-agriculture-exploitation', 'meteo', 'Prévisions météo à la parcelle', 8, [
          'Les prévisions à la parcelle aident à choisir le bon jour de traitement.',
          'Comparez-les une saison avec vos propres relevés.',
        ]),
      ],
    },
    {
      title: 'Au bureau',
      lessons: [
        text('Gestion administrative', 10, `Déclarations, factures, dossiers d’aides : un assistant aide à **préparer** les documents, vous restez responsable de ce qui est déclaré.`),
        quiz('Quiz : IA et exploitation agricole', [
          [
            'single',
            'Que vaut le diagnostic d’une application photo ?',
            [
              ['Une orientation à confirmer', true, 'Oui : un professionnel confirme.'],
              ['Un diagnostic certain', false, 'Non : les erreurs existent.'],
              ['Rien du tout', false, 'Il oriente utilement.'],
            ],
          ],
        ]),
      ],
    },
  ],
  'marketing-reseaux-sociaux-ia': [
    {
      title: 'Planifier et créer',
      lessons: [
        text(
          'Un calendrier éditorial en une heure',
          15,
          `Demandez douze idées de publications sur trois mois, liées à vos temps forts (soldes, saison, événements locaux), puis **choisissez** et adaptez.`,
        ),
        video('marketing-reseaux-sociaux-ia', 'visuels', 'Créer des visuels', 9, [
          'Les générateurs d’images produisent des visuels en quelques secondes.',
          'Vérifiez les droits d’utilisation et signalez les images générées.',
        ]),
      ],
    },
    {
      title: 'Transparence et droit d’auteur',
      lessons: [
        text('Être transparent avec son public', 10, `Indiquez quand une image est générée par IA, et n’imitez jamais le style d’un artiste vivant sans son accord.`),
        quiz('Quiz : marketing et IA', [
          tf('Il est recommandé de signaler les images générées par IA.', true, 'Oui : la transparence protège votre réputation.', 'Si : signalez-les.'),
        ]),
      ],
    },
  ],
  'tutoriel-verifier-reponse-ia': [
    {
      title: 'Les bons réflexes',
      lessons: [
        text(
          'Repérer les inventions',
          8,
          `Méfiez-vous des **chiffres précis sans source**, des citations et des références juridiques. Retrouvez toujours la source d’origine.`,
        ),
        video('tutoriel-verifier-reponse-ia', 'recouper', 'Recouper une information', 5, [
          'Cherchez la même information dans deux sources fiables.',
          'Si vous ne la trouvez pas, ne l’utilisez pas.',
        ]),
        VERIFIER,
      ],
    },
  ],
};

/** Turnkey solutions of the demo: fictitious providers on neutral domains. */
export const SEED_SOLUTIONS: SolutionInput[] = [
  { name: 'Répondeur Client Express', provider: 'Relatio SAS', description: 'Assistant conversationnel pour site web et messagerie, avec passage de main à un conseiller.', useCases: ['relation_client'], sectors: ['G', 'I', 'S'], companySizes: ['tpe', 'pme'], priceRange: 'moins_50', url: 'https://relatio.example/repondeur', privateOffer: true },
  { name: 'Centre de contact augmenté', provider: 'Omnicanal Services', description: 'Tri des demandes entrantes et suggestions de réponses pour les conseillers.', useCases: ['relation_client'], sectors: [], companySizes: ['eti', 'grand_groupe'], priceRange: 'sur_devis', url: 'https://omnicanal.example/contact', privateOffer: true },
  { name: 'Facturia', provider: 'Comptanet', description: 'Lecture automatique des factures fournisseurs et préparation des écritures.', useCases: ['comptabilite'], sectors: [], companySizes: ['tpe', 'pme'], priceRange: 'de_50_a_200', url: 'https://comptanet.example/facturia', privateOffer: true },
  { name: 'Relances Sereines', provider: 'Trésorerie Plus', description: 'Relances clients graduées et prévision de trésorerie.', useCases: ['comptabilite'], sectors: ['G', 'M'], companySizes: ['tpe', 'pme', 'eti'], priceRange: 'moins_50', url: 'https://tresorerie-plus.example/relances', privateOffer: true },
  { name: 'Talents Équitables', provider: 'RH Demain', description: 'Aide à la rédaction d’offres inclusives et tri des candidatures audité, avec contrôle humain.', useCases: ['rh'], sectors: [], companySizes: ['pme', 'eti', 'grand_groupe'], priceRange: 'de_200_a_1000', url: 'https://rh-demain.example/talents', privateOffer: true },
  { name: 'Vigie Machines', provider: 'Indus Analytics', description: 'Maintenance prédictive à partir des capteurs de vibrations et de température.', useCases: ['production'], sectors: ['C', 'D'], companySizes: ['pme', 'eti', 'grand_groupe'], priceRange: 'plus_1000', url: 'https://indus-analytics.example/vigie', privateOffer: true },
  { name: 'Parcelle Connectée', provider: 'AgriData Coop', description: 'Prévisions météo à la parcelle et détection des maladies sur photo.', useCases: ['production'], sectors: ['A'], companySizes: ['tpe', 'pme'], priceRange: 'moins_50', url: 'https://agridata.example/parcelle', privateOffer: true },
  { name: 'Studio Réseaux', provider: 'Com’Locale', description: 'Calendrier éditorial, textes et visuels pour les réseaux sociaux des commerces.', useCases: ['marketing'], sectors: ['G', 'I', 'R'], companySizes: ['tpe', 'pme'], priceRange: 'moins_50', url: 'https://comlocale.example/studio', privateOffer: true },
  { name: 'Fiches Produits Pro', provider: 'E-Boutique Services', description: 'Génération de fiches produits à partir des caractéristiques, avec relecture.', useCases: ['marketing'], sectors: ['G'], companySizes: ['tpe', 'pme'], priceRange: 'gratuit', url: 'https://eboutique.example/fiches', privateOffer: true },
  { name: 'Conformité IA', provider: 'Juris Numérique', description: 'Registre des traitements, analyses d’impact et suivi du règlement européen sur l’IA.', useCases: ['juridique'], sectors: [], companySizes: ['pme', 'eti', 'grand_groupe'], priceRange: 'de_200_a_1000', url: 'https://juris-numerique.example/conformite', privateOffer: true },
  { name: 'Compte Rendu Minute', provider: 'Bureau Malin', description: 'Transcription de réunions hébergée en France et synthèse des décisions.', useCases: ['bureautique'], sectors: [], companySizes: ['tpe', 'pme', 'eti', 'grand_groupe'], priceRange: 'moins_50', url: 'https://bureau-malin.example/compte-rendu', privateOffer: true },
  { name: 'Assistant Rédaction Sécurisé', provider: 'Bureau Malin', description: 'Assistant de rédaction dont les données ne servent pas à entraîner le modèle.', useCases: ['bureautique', 'relation_client'], sectors: [], companySizes: ['tpe', 'pme', 'eti'], priceRange: 'de_50_a_200', url: 'https://bureau-malin.example/redaction', privateOffer: true },
  { name: 'Coach Candidature', provider: 'Emploi Avenir', description: 'Préparation aux entretiens et adaptation du CV, sans conservation des documents.', useCases: ['recherche_emploi'], sectors: [], companySizes: ['tpe', 'pme', 'eti', 'grand_groupe'], priceRange: 'gratuit', url: 'https://emploi-avenir.example/coach', privateOffer: false },
];
