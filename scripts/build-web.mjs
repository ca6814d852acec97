#!/usr/bin/env node
// Builds the web app into dist/web, from a clean clone after `npm ci`:
//   1. copies the DSFR distribution (CSS, Marianne fonts, icons, favicons) from @codegouvfr/react-dsfr
//      into apps/web/public/dsfr (git-ignored), so that the site serves them itself: react-dsfr's
//      copy-dsfr-to-public, then the icon files that utility/icons/icons.min.css points at (that tool
//      only keeps the files dsfr.min.css uses, and its only-include-used-icons companion rewrites
//      node_modules and cannot see the libs of a monorepo);
//   2. runs `vite build` with apps/web/vite.config.ts.
// Usage: node scripts/build-web.mjs [--copy-only]   (--copy-only: step 1 alone, before `vite` dev)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { root } from './paths.mjs';

const appDir = join(root, 'apps', 'web');
const publicDir = join(appDir, 'public');
const outDir = join(root, 'dist', 'web');
const copyOnly = process.argv.includes('--copy-only');
const started = Date.now();

function step(message) {
  console.log(`[build-web] ${message}`);
}

function fail(message) {
  console.error(`[build-web] error: ${message}`);
  process.exit(1);
}

function copyDsfrToPublic() {
  const require = createRequire(import.meta.url);
  let reactDsfrDir;
  try {
    reactDsfrDir = dirname(require.resolve('@codegouvfr/react-dsfr/package.json'));
  } catch {
    fail('@codegouvfr/react-dsfr is not installed: run `npm ci` first.');
  }
  const bin = join(reactDsfrDir, 'bin', 'copy-dsfr-to-public.js');
  step(`copying the DSFR to ${relative(root, join(publicDir, 'dsfr'))}/`);
  // copy-dsfr-to-public refuses to run without the public directory.
  mkdirSync(publicDir, { recursive: true });
  const result = spawnSync(process.execPath, [bin, '--projectDir', appDir], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    fail(`copy-dsfr-to-public exited with ${result.status ?? result.signal}`);
  }
  const sourceDir = join(reactDsfrDir, 'dsfr');
  const targetDir = join(publicDir, 'dsfr');
  const copied = copyReferencedFiles(sourceDir, targetDir, 'utility/icons/icons.min.css');
  step(`icons: ${copied} file(s) copied`);
  for (const css of ['dsfr.min.css', 'utility/icons/icons.min.css']) {
    const missing = referencedFiles(targetDir, css).filter((file) => !existsSync(join(targetDir, file)));
    if (missing.length > 0) {
      fail(`apps/web/public/dsfr/${css} points at ${missing.length} missing file(s), e.g. ${missing[0]}`);
    }
  }
}

/** Paths (relative to dsfrDir) of the files that the url()s of a DSFR stylesheet point at. */
function referencedFiles(dsfrDir, cssRelativePath) {
  const cssPath = join(dsfrDir, cssRelativePath);
  if (!existsSync(cssPath)) fail(`${relative(root, cssPath)} is missing.`);
  const css = readFileSync(cssPath, 'utf8');
  const files = new Set();
  for (const match of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
    const url = match[2].trim();
    if (url.startsWith('data:') || url.startsWith('#')) continue;
    const path = url.split(/[?#]/, 1)[0];
    files.add(relative(dsfrDir, join(dirname(cssPath), path)));
  }
  return [...files];
}

function copyReferencedFiles(sourceDir, targetDir, cssRelativePath) {
  let copied = 0;
  for (const file of referencedFiles(sourceDir, cssRelativePath)) {
    const source = join(sourceDir, file);
    const target = join(targetDir, file);
    if (!existsSync(source)) fail(`${relative(root, source)} is missing from @codegouvfr/react-dsfr.`);
    if (existsSync(target) && statSync(target).size === statSync(source).size) continue;
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
    copied += 1;
  }
  return copied;
}

async function viteBuild() {
  step('vite build');
  const { build } = await import('vite');
  await build({
    configFile: join(appDir, 'vite.config.ts'),
    mode: 'production',
    logLevel: 'info',
  });
  if (!existsSync(join(outDir, 'index.html'))) {
    fail(`${relative(root, outDir)}/index.html was not produced.`);
  }
}

function sizeOf(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? sizeOf(path) : statSync(path).size;
  }
  return total;
}

try {
  copyDsfrToPublic();
  if (!copyOnly) {
    await viteBuild();
    const megabytes = (sizeOf(outDir) / 1024 / 1024).toFixed(1);
    step(`done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${relative(root, outDir)}/ (${megabytes} MB)`);
  } else {
    step('done (copy only)');
  }
} catch (error) {
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error));
}
