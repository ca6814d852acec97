import 'reflect-metadata';
import { JsonLogger, loadConfigOrExit } from '@academie/server-core';
import { createDataSource } from '../data-source';
import { isDatabaseEmpty, seedDemoData } from '../seeds/seed';

/**
 * `npm run db:seed`: demo data, idempotent. With `--if-empty`, only on a database that holds no course.
 * The demo accounts (published passwords) are created everywhere but in production, where they need
 * `--with-demo-accounts`.
 */
const config = loadConfigOrExit();
const say = (line: string) => process.stdout.write(`${line}\n`);
const dataSource = createDataSource(config, new JsonLogger('seed', config.LOG_LEVEL), 'academie-seed');
try {
  await dataSource.initialize();
  if (process.argv.includes('--if-empty') && !(await isDatabaseEmpty(dataSource))) {
    say('Données de démonstration : la base contient déjà des données, rien à faire.');
  } else {
    const accounts = config.NODE_ENV !== 'production' || process.argv.includes('--with-demo-accounts');
    say('Données de démonstration : catalogue et comptes…');
    const report = await seedDemoData(dataSource, say, { accounts });
    say(`Catalogue : ${report.courses.inserted} cours ajouté(s), ${report.courses.existing} déjà présent(s) ; ${report.solutions.inserted} solution(s) ajoutée(s).`);
    if (report.learning) {
      say(
        `Parcours de l’apprenant de démonstration : ${report.learning.enrollments.inserted} inscription(s) ajoutée(s), ${report.learning.events} événement(s), ${report.learning.attempts} tentative(s) de quiz, ${report.learning.completions} cours terminé(s).`,
      );
    }
    if (report.accounts) {
      say(`Comptes de démonstration : ${report.accounts.inserted} ajouté(s), ${report.accounts.existing} déjà présent(s).`);
    } else {
      say('Comptes de démonstration : non créés en production (ajoutez --with-demo-accounts pour les créer).');
    }
  }
} catch (error) {
  process.stderr.write(`Échec du chargement des données : ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  if (dataSource.isInitialized) await dataSource.destroy();
}
