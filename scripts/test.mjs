// `npm test`: every check of the project, in order, stopping at the first failure, with the time of each step at the
// end. Lint and type-checking are independent single-threaded programs: they run side by side (their outputs are
// printed one after the other when both are done). Every other step streams its output as it goes.
import { spawn } from 'node:child_process';
import { root } from './paths.mjs';

/** A step: one command, or several run at once. */
const STEPS = [
  [['prérequis', 'node', ['scripts/test-prerequisites.mjs']]],
  [
    ['lint', 'npm', ['run', '-s', 'lint']],
    ['typecheck', 'npm', ['run', '-s', 'typecheck']],
  ],
  [['tests unitaires', 'npm', ['run', '-s', 'test:unit']]],
  [['tests d’intégration', 'npm', ['run', '-s', 'test:int']]],
  [['build', 'npm', ['run', '-s', 'build']]],
  [['preuve de sauvegarde', 'npm', ['run', '-s', 'ops:backup-check']]],
  [['budget JavaScript', 'npm', ['run', '-s', 'check:bundle']]],
  [['audit des dépendances', 'npm', ['run', '-s', 'audit:prod', '--', '--tolerate-unavailable']]],
  [['tests de bout en bout', 'npm', ['run', '-s', 'test:e2e']]],
];

const say = (line) => console.log(`[npm test] ${line}`);
const seconds = (ms) => `${(ms / 1000).toFixed(0)} s`;

/** Runs a command; its output streams when alone, or is kept and printed at its end when beside others. */
function run([label, command, args], alone) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: root, stdio: alone ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    const output = [];
    if (!alone) {
      child.stdout.on('data', (chunk) => output.push(chunk));
      child.stderr.on('data', (chunk) => output.push(chunk));
    }
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code, signal) => {
      if (!alone) {
        say(`--- ${label} ---`);
        process.stdout.write(Buffer.concat(output));
      }
      resolve({ label, ok: code === 0, code: code ?? signal, ms: Date.now() - started });
    });
  });
}

const began = Date.now();
const timings = [];
let failed;
for (const step of STEPS) {
  say(`${step.map(([label]) => label).join(' + ')}…`);
  const results = await Promise.all(step.map((command) => run(command, step.length === 1)));
  timings.push(...results);
  failed = results.find((r) => !r.ok);
  if (failed) break;
}
say('durées :');
for (const t of timings) say(`  ${t.label.padEnd(26)} ${seconds(t.ms).padStart(6)}${t.ok ? '' : `  ÉCHEC (${t.code})`}`);
say(`  ${'total'.padEnd(26)} ${seconds(Date.now() - began).padStart(6)}`);
if (failed) {
  say(`échec : ${failed.label}`);
  process.exit(1);
}
