import type { Audience, CourseKind, CourseLevel, NafSection, UseCase } from '@academie/contracts';

export interface SeedCourse {
  slug: string;
  kind: CourseKind;
  title: string;
  summary: string;
  level: CourseLevel;
  durationMinutes: number;
  audiences: Audience[];
  sectors: NafSection[];
  useCases: UseCase[];
  countsTowardGoal: boolean;
  /** Days before the seed date when it was published, so that the catalogue has a stable order. */
  publishedDaysAgo: number;
}

/** The demo catalogue: courses and tutorials written for the Académie, covering every audience. */
export const SEED_COURSES: SeedCourse[] = [
  {
    slug: 'decouvrir-ia-generative-tpe',
    kind: 'course',
    title: "Découvrir l'IA générative pour sa TPE",
    summary:
      "Comprendre ce que l'IA générative sait faire et ne sait pas faire, repérer trois usages rentables dans une entreprise de moins de dix personnes (devis, réponses aux clients, réseaux sociaux) et les tester sans budget ni compétence technique.",
    level: 'decouverte',
    durationMinutes: 90,
    audiences: ['tpe'],
    sectors: ['F', 'G', 'I', 'S'],
    useCases: ['relation_client', 'marketing', 'bureautique'],
    countsTowardGoal: true,
    publishedDaysAgo: 60,
  },
  {
    slug: 'automatiser-relation-client',
    kind: 'course',
    title: 'Automatiser la relation client',
    summary:
      "Mettre en place un assistant conversationnel qui répond aux questions fréquentes, trie les demandes entrantes et passe la main à un conseiller au bon moment, en gardant la maîtrise du ton et des données de vos clients.",
    level: 'intermediaire',
    durationMinutes: 180,
    audiences: ['pme', 'eti'],
    sectors: ['G', 'H', 'K', 'N'],
    useCases: ['relation_client'],
    countsTowardGoal: true,
    publishedDaysAgo: 55,
  },
  {
    slug: 'ia-et-rgpd',
    kind: 'course',
    title: 'IA et RGPD : utiliser l’IA sans mettre en danger les données personnelles',
    summary:
      "Ce que le RGPD et le règlement européen sur l'IA exigent concrètement : base légale, information des personnes, analyse d'impact, choix d'un fournisseur et clauses du contrat. Avec une grille de vérification à appliquer avant chaque nouveau projet.",
    level: 'intermediaire',
    durationMinutes: 150,
    audiences: ['tpe', 'pme', 'eti', 'grand_groupe'],
    sectors: [],
    useCases: ['juridique'],
    countsTowardGoal: true,
    publishedDaysAgo: 50,
  },
  {
    slug: 'prompt-engineering-apprentis',
    kind: 'course',
    title: 'Prompt engineering pour les apprentis',
    summary:
      "Apprendre à formuler une demande claire à un assistant d'IA, à vérifier ses réponses et à citer ses sources, avec des exercices tirés du quotidien en entreprise et en centre de formation.",
    level: 'decouverte',
    durationMinutes: 120,
    audiences: ['apprenti'],
    sectors: [],
    useCases: ['bureautique'],
    countsTowardGoal: true,
    publishedDaysAgo: 45,
  },
  {
    slug: 'ia-recherche-emploi',
    kind: 'course',
    title: "Trouver un emploi avec l'aide de l'IA",
    summary:
      "Adapter son CV et sa lettre à chaque offre, préparer un entretien avec un assistant conversationnel, repérer les métiers qui recrutent et les compétences en IA que les employeurs attendent, sans céder ses données à n'importe quel service.",
    level: 'decouverte',
    durationMinutes: 100,
    audiences: ['demandeur_emploi'],
    sectors: [],
    useCases: ['recherche_emploi'],
    countsTowardGoal: true,
    publishedDaysAgo: 40,
  },
  {
    slug: 'piloter-projet-ia-grand-groupe',
    kind: 'course',
    title: "Piloter un projet d'IA dans un grand groupe",
    summary:
      "Du cas d'usage au passage à l'échelle : sélectionner les projets, mesurer la valeur, organiser la gouvernance des modèles, associer les représentants du personnel et maîtriser les risques de conformité au règlement européen sur l'IA.",
    level: 'avance',
    durationMinutes: 360,
    audiences: ['grand_groupe', 'eti'],
    sectors: ['C', 'D', 'J', 'K'],
    useCases: ['production', 'juridique'],
    countsTowardGoal: true,
    publishedDaysAgo: 35,
  },
  {
    slug: 'ia-comptabilite-gestion',
    kind: 'course',
    title: 'IA et comptabilité : gagner du temps sur la saisie et les relances',
    summary:
      "Lire automatiquement les factures fournisseurs, rapprocher les relevés bancaires, préparer les relances clients et détecter les anomalies, avec les outils du marché et les points de contrôle qui restent humains.",
    level: 'intermediaire',
    durationMinutes: 150,
    audiences: ['tpe', 'pme'],
    sectors: ['M', 'G'],
    useCases: ['comptabilite'],
    countsTowardGoal: true,
    publishedDaysAgo: 30,
  },
  {
    slug: 'ia-ressources-humaines',
    kind: 'course',
    title: 'Les ressources humaines à l’heure de l’IA',
    summary:
      "Recrutement, formation, gestion des compétences : ce que l'IA peut apporter aux équipes RH, les usages interdits ou à haut risque selon le règlement européen, et comment accompagner les salariés dans la transformation de leurs métiers.",
    level: 'intermediaire',
    durationMinutes: 180,
    audiences: ['pme', 'eti', 'grand_groupe'],
    sectors: [],
    useCases: ['rh'],
    countsTowardGoal: true,
    publishedDaysAgo: 25,
  },
  {
    slug: 'maintenance-predictive-industrie',
    kind: 'course',
    title: 'Maintenance prédictive dans l’industrie',
    summary:
      "Exploiter les données de vos machines pour anticiper les pannes : capteurs, qualité des données, choix d'un modèle, indicateurs de gain et conduite du changement avec les équipes de production.",
    level: 'avance',
    durationMinutes: 300,
    audiences: ['pme', 'eti', 'grand_groupe'],
    sectors: ['C', 'D'],
    useCases: ['production'],
    countsTowardGoal: true,
    publishedDaysAgo: 20,
  },
  {
    slug: 'tutoriel-rediger-fiche-produit',
    kind: 'tutorial',
    title: 'Tutoriel : rédiger une fiche produit avec un assistant d’IA',
    summary:
      "En vingt minutes, obtenir une fiche produit claire et exacte pour votre boutique en ligne : la demande à formuler, les informations à fournir, les vérifications à faire avant publication.",
    level: 'decouverte',
    durationMinutes: 20,
    audiences: ['tpe', 'apprenti'],
    sectors: ['G'],
    useCases: ['marketing'],
    countsTowardGoal: false,
    publishedDaysAgo: 15,
  },
  {
    slug: 'tutoriel-compte-rendu-reunion',
    kind: 'tutorial',
    title: 'Tutoriel : un compte rendu de réunion en cinq minutes',
    summary:
      "Transcrire une réunion, en tirer les décisions et les actions, et diffuser un compte rendu fidèle, en informant les participants et sans envoyer d'enregistrement confidentiel hors de l'entreprise.",
    level: 'decouverte',
    durationMinutes: 15,
    audiences: ['tpe', 'pme', 'eti', 'grand_groupe'],
    sectors: [],
    useCases: ['bureautique'],
    countsTowardGoal: false,
    publishedDaysAgo: 10,
  },
  {
    slug: 'ia-agriculture-exploitation',
    kind: 'course',
    title: "L'IA au service de l'exploitation agricole",
    summary:
      "Prévisions météo fines, détection des maladies sur photo, optimisation des intrants et gestion administrative : des usages concrets présentés par des exploitants, avec leurs coûts et leurs limites.",
    level: 'decouverte',
    durationMinutes: 120,
    audiences: ['tpe', 'pme'],
    sectors: ['A'],
    useCases: ['production', 'comptabilite'],
    countsTowardGoal: true,
    publishedDaysAgo: 8,
  },
  {
    slug: 'marketing-reseaux-sociaux-ia',
    kind: 'course',
    title: 'Marketing et réseaux sociaux avec l’IA',
    summary:
      "Construire un calendrier éditorial, créer des visuels et des textes adaptés à chaque réseau, analyser ce qui fonctionne, tout en respectant le droit d'auteur et la transparence envers votre public.",
    level: 'intermediaire',
    durationMinutes: 140,
    audiences: ['tpe', 'pme', 'apprenti'],
    sectors: ['G', 'I', 'R'],
    useCases: ['marketing'],
    countsTowardGoal: true,
    publishedDaysAgo: 5,
  },
  {
    slug: 'tutoriel-verifier-reponse-ia',
    kind: 'tutorial',
    title: "Tutoriel : vérifier une réponse d'IA avant de s'en servir",
    summary:
      "Les réflexes à prendre face à une réponse d'assistant : repérer les inventions, retrouver la source, recouper les chiffres et savoir quand ne pas utiliser l'IA.",
    level: 'decouverte',
    durationMinutes: 25,
    audiences: ['apprenti', 'demandeur_emploi', 'tpe'],
    sectors: [],
    useCases: ['bureautique'],
    countsTowardGoal: false,
    publishedDaysAgo: 2,
  },
];
