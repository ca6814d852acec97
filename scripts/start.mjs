// `npm start`: the whole platform on this machine, with demo data.
//  1. PostgreSQL and Redis must answer; where they don't and their server binaries exist here, they are
//     started in a project-local data folder (.data/), else the exact commands to start them are printed;
//  2. builds the server and the web;  3. creates the database if missing and migrates it;
//  4. loads the demo data when the database is empty;  5. starts api, worker and web (the web serves the
//     site and proxies /api on the same origin), prints the URLs; Ctrl-C stops everything it started.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { Redis } from 'ioredis';
import { root } from './paths.mjs';

const env = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/academie',
  REDIS_URL: 'redis://127.0.0.1:6379',
  API_PORT: '3000',
  WEB_PORT: '8080',
  ...process.env,
};
env.API_URL ??= `http://127.0.0.1:${env.API_PORT}`;
env.PUBLIC_BASE_URL ??= `http://localhost:${env.WEB_PORT}`;
// No mail server on a developer machine: e-mails are written as .eml files (open them with any mail reader).
env.SMTP_URL ??= 'file:.data/mail';

const dataDir = join(root, '.data');
const say = (line) => console.log(`\x1b[1m[academie]\x1b[0m ${line}`);
const started = [];
const cleanups = [];

async function postgresAnswers(url) {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function redisAnswers(url) {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

function postgresBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  for (const version of readdirSync(base).sort((a, b) => Number(b) - Number(a))) {
    if (existsSync(join(base, version, 'bin', 'initdb'))) return join(base, version, 'bin');
  }
  return null;
}

function asPostgres(command, args) {
  const isRoot = process.getuid?.() === 0;
  const result = isRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'inherit' })
    : spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} failed (${result.status})`);
}

async function ensurePostgres() {
  if (await postgresAnswers(env.DATABASE_URL)) return say(`PostgreSQL répond (${new URL(env.DATABASE_URL).host}).`);
  const url = new URL(env.DATABASE_URL);
  const bin = postgresBin();
  const local = ['127.0.0.1', 'localhost'].includes(url.hostname);
  if (!bin || !local) {
    say(`PostgreSQL ne répond pas sur ${url.host}. Démarrez-le, par exemple :`);
    say(`  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`);
    say(`  ou : docker compose -f docker/compose.yml up -d postgres   (voir docker/README.md)`);
    say(`  ou indiquez un autre serveur : DATABASE_URL=postgres://… npm start`);
    process.exit(1);
  }
  const dir = join(dataDir, 'postgres');
  const port = url.port || '5432';
  say(`PostgreSQL ne répond pas : démarrage d'un serveur local dans .data/postgres sur le port ${port}…`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  if (!existsSync(join(dir, 'PG_VERSION'))) asPostgres(join(bin, 'initdb'), ['-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  asPostgres(join(bin, 'pg_ctl'), ['-D', dir, '-l', join(dir, 'server.log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, '-w', 'start']);
  cleanups.push(() => asPostgres(join(bin, 'pg_ctl'), ['-D', dir, '-m', 'fast', '-w', 'stop']));
}

async function ensureRedis() {
  if (await redisAnswers(env.REDIS_URL)) return say(`Redis répond (${new URL(env.REDIS_URL).host}).`);
  const url = new URL(env.REDIS_URL);
  const hasBinary = spawnSync('redis-server', ['--version']).status === 0;
  if (!hasBinary || !['127.0.0.1', 'localhost'].includes(url.hostname)) {
    say(`Redis ne répond pas sur ${url.host}. Démarrez-le, par exemple :`);
    say(`  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`);
    say(`  ou : docker compose -f docker/compose.yml up -d redis`);
    process.exit(1);
  }
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  say(`Redis ne répond pas : démarrage d'un serveur local (.data/redis, port ${url.port || 6379})…`);
  const child = spawn('redis-server', ['--bind', '127.0.0.1', '--port', url.port || '6379', '--dir', dir, '--appendonly', 'yes',
    '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
  cleanups.push(() => child.kill('SIGTERM'));
  for (let i = 0; i < 50 && !(await redisAnswers(env.REDIS_URL)); i++) await sleep(100);
}

function run(label, args) {
  say(label);
  const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    say(`Échec : ${label}`);
    shutdown(1);
  }
}

function startApp(name, entry, color) {
  const child = spawn(process.execPath, ['--enable-source-maps', entry], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `\x1b[${color}m${name.padEnd(6)}\x1b[0m|`;
  const pipe = (stream, out) => {
    let buffer = '';
    stream.on('data', (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop();
      for (const line of lines) out.write(`${prefix} ${line}\n`);
    });
  };
  pipe(child.stdout, process.stdout);
  pipe(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} s'est arrêté (${code ?? signal}) : arrêt de la plateforme.`);
      shutdown(1);
    }
  });
  started.push(child);
  return child;
}

async function waitFor(url, label) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not yet
    }
    await sleep(200);
  }
  say(`${label} ne répond pas sur ${url}.`);
  shutdown(1);
}

let stopping = false;
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  say('Arrêt…');
  await Promise.all(
    started.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
        }),
    ),
  );
  for (const cleanup of cleanups.reverse()) {
    try {
      cleanup();
    } catch {
      // best effort
    }
  }
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

await ensurePostgres();
await ensureRedis();
run('Compilation du serveur…', ['scripts/build-server.mjs']);
run("Compilation de l'interface web…", ['scripts/build-web.mjs']);
run('Base de données : création si besoin et migrations…', ['dist/server/libs/server/database/src/cli/migrate.js']);
run('Données de démonstration (si la base est vide)…', ['dist/server/libs/server/database/src/cli/seed.js', '--if-empty']);
startApp('api', 'dist/server/apps/api/src/main.js', 36);
startApp('worker', 'dist/server/apps/worker/src/main.js', 35);
startApp('web', 'dist/server/apps/web/server/main.js', 32);
await waitFor(`http://127.0.0.1:${env.API_PORT}/api/health/ready`, "L'API");
await waitFor(`http://127.0.0.1:${env.API_PORT}/api/health/worker`, 'Le worker');
await waitFor(`http://127.0.0.1:${env.WEB_PORT}/`, 'Le site web');
say('');
say(`Académie IA est prête :`);
say(`  Site web           http://localhost:${env.WEB_PORT}/`);
say(`  API                http://localhost:${env.WEB_PORT}/api   (directement : ${env.API_URL}/api)`);
say(`  Documentation API  http://localhost:${env.WEB_PORT}/api/docs`);
if (env.SMTP_URL.startsWith('file:')) say(`  E-mails envoyés    ${env.SMTP_URL.slice(5)}/ (fichiers .eml)`);
say(`Comptes de démonstration : voir README.md (par exemple apprenant@demo.academie-ia.fr).`);
say(`Ctrl-C pour tout arrêter.`);
