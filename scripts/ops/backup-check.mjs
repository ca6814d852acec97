// `npm run ops:backup-check`: proves the backup procedure of docs/operations.md on this machine.
// 1. creates a database, migrates it and loads the demo data (the real CLIs, built under dist/);
// 2. dumps it with pg_dump (custom format, as in production);
// 3. restores the dump into a fresh database with pg_restore;
// 4. compares, table by table, the row count and a checksum of every row; exits 1 on any difference.
// Options: --keep (keep both databases), DATABASE_SERVER_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { root } from '../paths.mjs';

const server = new URL(process.env.DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const stamp = `${Date.now().toString(36)}`;
const source = `academie_backup_src_${stamp}`;
const restored = `academie_backup_restore_${stamp}`;
const keep = process.argv.includes('--keep');
const say = (line) => console.log(`[backup-check] ${line}`);
const urlOf = (database) => Object.assign(new URL(server), { pathname: `/${database}` }).toString();

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

async function withClient(database, fn) {
  const client = new pg.Client({ connectionString: urlOf(database) });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Row count and an order-independent checksum of every row, for each table of the public schema. */
async function fingerprint(database) {
  return withClient(database, async (client) => {
    const { rows: tables } = await client.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const result = new Map();
    for (const { tablename } of tables) {
      const quoted = `"${tablename.replace(/"/g, '""')}"`;
      const { rows } = await client.query(
        `SELECT count(*)::bigint AS n, coalesce(md5(string_agg(h, '' ORDER BY h)), '') AS sum
           FROM (SELECT md5(t::text) AS h FROM ${quoted} t) rows`,
      );
      result.set(tablename, { rows: Number(rows[0].n), checksum: rows[0].sum });
    }
    return result;
  });
}

const folder = mkdtempSync(join(tmpdir(), 'academie-backup-'));
const dumpFile = join(folder, `${source}.dump`);
let failed = false;
try {
  say('Compilation du serveur…');
  run(process.execPath, ['scripts/build-server.mjs']);
  say(`Base source « ${source} » : migrations et données de démonstration…`);
  const env = { DATABASE_URL: urlOf(source), NODE_ENV: 'development', SMTP_URL: 'file:tmp/backup-check-mail' };
  run(process.execPath, ['dist/server/libs/server/database/src/cli/migrate.js'], env);
  run(process.execPath, ['dist/server/libs/server/database/src/cli/seed.js'], env);

  say('Sauvegarde : pg_dump --format=custom…');
  let started = performance.now();
  run('pg_dump', ['--format=custom', '--no-owner', '--file', dumpFile, urlOf(source)]);
  say(`  ${(statSync(dumpFile).size / 1024).toFixed(0)} Kio en ${Math.round(performance.now() - started)} ms`);

  say(`Restauration dans une base neuve « ${restored} »…`);
  started = performance.now();
  run('createdb', ['--host', server.hostname, '--port', server.port || '5432', '--username', server.username || 'postgres', restored]);
  run('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', urlOf(restored), dumpFile]);
  say(`  restaurée en ${Math.round(performance.now() - started)} ms`);

  say('Comparaison table par table (nombre de lignes et somme de contrôle de chaque ligne)…');
  const [before, after] = await Promise.all([fingerprint(source), fingerprint(restored)]);
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  let rowsTotal = 0;
  for (const name of names) {
    const a = before.get(name);
    const b = after.get(name);
    const same = a && b && a.rows === b.rows && a.checksum === b.checksum;
    rowsTotal += a?.rows ?? 0;
    if (!same) failed = true;
    say(`  ${same ? 'identique' : 'DIFFÉRENT'}  ${name.padEnd(32)} ${String(a?.rows ?? '-').padStart(7)} → ${String(b?.rows ?? '-').padStart(7)} lignes`);
  }
  if (!failed) {
    // The comparison must be able to fail: one changed row in the restored copy has to be seen.
    await withClient(restored, (client) =>
      client.query(`UPDATE typeorm_migration SET name = name || '-altéré' WHERE id = (SELECT min(id) FROM typeorm_migration)`),
    );
    const altered = (await fingerprint(restored)).get('typeorm_migration');
    const detected = altered.checksum !== before.get('typeorm_migration').checksum;
    say(detected ? '  contrôle : une ligne modifiée dans la copie est bien détectée.' : '  contrôle : une ligne modifiée n’a PAS été détectée.');
    if (!detected) failed = true;
  }
  say(
    failed
      ? 'ÉCHEC : la restauration diffère de la base sauvegardée.'
      : `OK : ${names.length} tables, ${rowsTotal} lignes, restauration identique à la sauvegarde.`,
  );
} catch (error) {
  failed = true;
  say(`ÉCHEC : ${error.message}`);
} finally {
  rmSync(folder, { recursive: true, force: true });
  if (!keep) {
    await withClient('postgres', async (client) => {
      for (const database of [source, restored]) await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    }).catch(() => undefined);
  } else {
    say(`Bases conservées : ${source}, ${restored}`);
  }
}
process.exit(failed ? 1 : 0);
