import 'reflect-metadata';
import { JsonLogger, loadConfigOrExit } from '@academie/server-core';
import { createDataSource } from '../data-source';
import { isDatabaseEmpty, seedDemoData } from '../seeds/seed';

/** `npm run db:seed`: demo data, idempotent. With `--if-empty`, only on a database that holds no course. */
const config = loadConfigOrExit();
const say = (line: string) => process.stdout.write(`${line}\n`);
const dataSource = createDataSource(config, new JsonLogger('seed', config.LOG_LEVEL), 'academie-seed');
try {
  await dataSource.initialize();
  if (process.argv.includes('--if-empty') && !(await isDatabaseEmpty(dataSource))) {
    say('Données de démonstration : la base contient déjà des données, rien à faire.');
  } else {
    say('Données de démonstration : catalogue…');
    const report = await seedDemoData(dataSource, say);
    say(`Catalogue : ${report.courses.inserted} cours ajouté(s), ${report.courses.existing} déjà présent(s).`);
  }
} catch (error) {
  process.stderr.write(`Échec du chargement des données : ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  if (dataSource.isInitialized) await dataSource.destroy();
}
