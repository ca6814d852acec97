// Compiles the server side (api, worker, web server, database CLI and the libs they use) to ES modules
// with swc, mirroring the source tree under dist/server. `@academie/*` imports become relative paths.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { transformFile } from '@swc/core';
import { root, workspaceAliases } from './paths.mjs';

const SOURCES = ['apps/api/src', 'apps/worker/src', 'apps/web/server', 'libs/shared/contracts/src', 'libs/server'];
const SKIP = /\.(spec|int-spec|e2e-spec)\.ts$|\.d\.ts$/;
const out = join(root, 'dist/server');

async function* walk(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'testing') yield* walk(path);
    } else if (entry.name.endsWith('.ts') && !SKIP.test(entry.name)) yield path;
  }
}

const paths = Object.fromEntries(Object.entries(workspaceAliases()).map(([alias, file]) => [alias, [file]]));
const started = performance.now();
let count = 0;
for (const source of SOURCES) {
  for await (const file of walk(join(root, source))) {
    const rel = relative(root, file);
    const target = join(out, rel.replace(/\.ts$/, '.js'));
    const result = await transformFile(file, {
      swcrc: false,
      configFile: join(root, '.swcrc'),
      filename: file,
      outputPath: target,
      sourceMaps: true,
      jsc: { baseUrl: root, paths },
    });
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, `${result.code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    if (result.map) await writeFile(`${target}.map`, result.map);
    count++;
  }
}
await writeFile(join(out, 'package.json'), JSON.stringify({ type: 'module' }));
console.log(`Serveur compilé : ${count} fichiers en ${Math.round(performance.now() - started)} ms -> dist/server`);
