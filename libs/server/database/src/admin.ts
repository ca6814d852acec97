import pg from 'pg';
import type { DataSource } from 'typeorm';

/** Splits a DATABASE_URL into the maintenance URL (database `postgres`) and the database name. */
export function parseDatabaseUrl(url: string): { adminUrl: string; database: string } {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres';
  parsed.pathname = '/postgres';
  return { adminUrl: parsed.toString(), database };
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Creates the database named in the URL when it does not exist yet. Returns true when it was created. */
export async function ensureDatabase(url: string, template?: string): Promise<boolean> {
  const { adminUrl, database } = parseDatabaseUrl(url);
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount) return false;
    try {
      await client.query(
        `CREATE DATABASE ${quoteIdent(database)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ''}`,
      );
    } catch (error) {
      if ((error as { code?: string }).code === '42P04') return false; // created concurrently
      throw error;
    }
    return true;
  } finally {
    await client.end();
  }
}

/** Drops a database, disconnecting its sessions first (tests clean up after themselves). */
export async function dropDatabase(url: string): Promise<void> {
  const { adminUrl, database } = parseDatabaseUrl(url);
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Applies pending migrations, one line of progress per migration. */
export async function runMigrations(dataSource: DataSource, progress: (line: string) => void = () => {}): Promise<string[]> {
  const pending = dataSource.migrations.length;
  progress(`Migrations : ${pending} connue(s), application de celles qui manquent…`);
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  for (const [index, migration] of applied.entries()) progress(`  [${index + 1}/${applied.length}] ${migration.name}`);
  progress(applied.length ? `Migrations appliquées : ${applied.length}.` : 'Schéma à jour : aucune migration à appliquer.');
  return applied.map((m) => m.name);
}
