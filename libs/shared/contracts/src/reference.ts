// Reference data of the plan, from ../shared/reference/france.json (INSEE codes and the plan's targets).
// Framework-free: shared by the server (validation, KPIs) and the web (labels, filters).

export const AUDIENCES = {
  "tpe": "Très petite entreprise (moins de 10 personnes)",
  "pme": "Petite ou moyenne entreprise (10 à 249 personnes)",
  "eti": "Entreprise de taille intermédiaire (250 à 4 999 personnes)",
  "grand_groupe": "Grande entreprise (5 000 personnes et plus)",
  "apprenti": "Apprenti ou apprentie",
  "demandeur_emploi": "Demandeur ou demandeuse d'emploi"
} as const;
export type Audience = keyof typeof AUDIENCES;
export const AUDIENCE_CODES = Object.keys(AUDIENCES) as Audience[];

export const REGIONS = {
  "01": "Guadeloupe",
  "02": "Martinique",
  "03": "Guyane",
  "04": "La Réunion",
  "06": "Mayotte",
  "11": "Île-de-France",
  "24": "Centre-Val de Loire",
  "27": "Bourgogne-Franche-Comté",
  "28": "Normandie",
  "32": "Hauts-de-France",
  "44": "Grand Est",
  "52": "Pays de la Loire",
  "53": "Bretagne",
  "75": "Nouvelle-Aquitaine",
  "76": "Occitanie",
  "84": "Auvergne-Rhône-Alpes",
  "93": "Provence-Alpes-Côte d'Azur",
  "94": "Corse"
} as const;
export type RegionCode = keyof typeof REGIONS;
export const REGION_CODES = Object.keys(REGIONS) as RegionCode[];

export const NAF_SECTIONS = {
  "A": "Agriculture, sylviculture et pêche",
  "B": "Industries extractives",
  "C": "Industrie manufacturière",
  "D": "Production et distribution d'électricité, de gaz, de vapeur et d'air conditionné",
  "E": "Production et distribution d'eau ; assainissement, gestion des déchets et dépollution",
  "F": "Construction",
  "G": "Commerce ; réparation d'automobiles et de motocycles",
  "H": "Transports et entreposage",
  "I": "Hébergement et restauration",
  "J": "Information et communication",
  "K": "Activités financières et d'assurance",
  "L": "Activités immobilières",
  "M": "Activités spécialisées, scientifiques et techniques",
  "N": "Activités de services administratifs et de soutien",
  "O": "Administration publique",
  "P": "Enseignement",
  "Q": "Santé humaine et action sociale",
  "R": "Arts, spectacles et activités récréatives",
  "S": "Autres activités de services",
  "T": "Activités des ménages en tant qu'employeurs ; activités indifférenciées des ménages en tant que producteurs de biens et services pour usage propre",
  "U": "Activités extra-territoriales"
} as const;
export type NafSection = keyof typeof NAF_SECTIONS;
export const NAF_SECTION_CODES = Object.keys(NAF_SECTIONS) as NafSection[];

export const STAFF_BANDS = {
  "NN": "Non employeuse",
  "00": "0 salarié",
  "01": "1 ou 2 salariés",
  "02": "3 à 5 salariés",
  "03": "6 à 9 salariés",
  "11": "10 à 19 salariés",
  "12": "20 à 49 salariés",
  "21": "50 à 99 salariés",
  "22": "100 à 199 salariés",
  "31": "200 à 249 salariés",
  "32": "250 à 499 salariés",
  "41": "500 à 999 salariés",
  "42": "1 000 à 1 999 salariés",
  "51": "2 000 à 4 999 salariés",
  "52": "5 000 à 9 999 salariés",
  "53": "10 000 salariés et plus"
} as const;
export type StaffBand = keyof typeof STAFF_BANDS;
export const STAFF_BAND_CODES = Object.keys(STAFF_BANDS) as StaffBand[];

export const PLAN_TARGETS = {
  "trained_professionals_by_2030": 15000000,
  "deadline": "2030-12-31",
  "apprentices_per_year": 800000,
  "ai_adoption_by_2030": {
    "TPE": 0.5,
    "PME": 0.8,
    "ETI": 0.8,
    "GE": 1.0
  },
  "ai_adoption_2025_baseline": {
    "TPE": 0.08,
    "PME_ETI": 0.13,
    "GE": 0.53
  }
} as const;

export const ENTERPRISE_COUNTS = {
  "source": "INSEE, Les entreprises en France, édition 2019 (data 2017), market non-agricultural non-financial sectors",
  "MIC": 3701363,
  "PME_hors_MIC": 147767,
  "ETI": 5722,
  "GE": 257
} as const;
