// First step of `npm test`: the suite runs on real PostgreSQL and Redis and a real Chromium.
// Says exactly what is missing and how to get it; installs Debian's chromium when it can (root + apt-get).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

const say = (line) => console.log(`[prérequis] ${line}`);
const problems = [];

function answers(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.on('connect', () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => (socket.destroy(), resolve(false)));
  });
}

const pgUrl = new URL(process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const redisUrl = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
if (!(await answers(pgUrl.hostname, Number(pgUrl.port || 5432)))) {
  problems.push(`PostgreSQL ne répond pas sur ${pgUrl.host} : pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`);
}
if (!(await answers(redisUrl.hostname, Number(redisUrl.port || 6379)))) {
  problems.push(`Redis ne répond pas sur ${redisUrl.host} : redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`);
}
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  if (process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0) {
    say(`Chromium absent : installation du paquet Debian chromium…`);
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    const result = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0 || !existsSync(chromium)) problems.push('Chromium : sudo apt-get install -y chromium');
  } else {
    problems.push(`Chromium introuvable (${chromium}) : sudo apt-get install -y chromium, ou CHROMIUM_PATH=/chemin/vers/chromium`);
  }
}
if (problems.length) {
  for (const problem of problems) say(problem);
  process.exit(1);
}
say('PostgreSQL, Redis et Chromium sont prêts.');
