// Vite configuration of the web app. Run from the repository root through scripts/build-web.mjs
// (production build) or `npx vite --config apps/web/vite.config.ts` (development server).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { type Plugin, defineConfig } from 'vite';

const appDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(appDir, '..', '..');

// Workspace aliases come from tsconfig.base.json, as for the type-checker. The web resolves the shared
// contracts and its own libs only: a server lib imported by mistake fails the build instead of
// dragging TypeORM or NestJS into the browser bundle.
const tsconfig = JSON.parse(readFileSync(join(repoRoot, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
const webAliases = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths)
    .filter(([alias]) => alias === '@academie/contracts' || alias.startsWith('@academie/web-'))
    .map(([alias, [target]]) => [alias, join(repoRoot, target ?? '')]),
);

/**
 * Writes dist/web-stats/chunk-graph.json after a build: every JS chunk with its static and dynamic imports and the
 * source modules it holds. `npm run check:bundle` (scripts/check-bundle.mjs) reads it to measure what the first
 * page ships and to prove that studio, dashboard and admin code is not in it. Kept outside dist/web so that the
 * site never serves the list of its source files.
 */
function chunkGraph(): Plugin {
  return {
    name: 'academie-chunk-graph',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle)
        .filter((output) => output.type === 'chunk')
        .map((chunk) => ({
          file: chunk.fileName,
          isEntry: chunk.isEntry,
          imports: chunk.imports,
          dynamicImports: chunk.dynamicImports,
          modules: chunk.moduleIds.map((id) => id.replace(`${repoRoot}/`, '')),
        }));
      const dir = join(repoRoot, 'dist', 'web-stats');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'chunk-graph.json'), `${JSON.stringify({ chunks }, null, 1)}\n`);
    },
  };
}

export default defineConfig({
  root: appDir,
  plugins: [react(), chunkGraph()],
  resolve: { alias: webAliases },
  build: {
    outDir: join(repoRoot, 'dist', 'web'),
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // A lazily loaded feature lib is named after itself (account-[hash].js), not after its folder (src-…).
        chunkFileNames: (chunk) => {
          const feature = /\/libs\/web\/feature-([\w-]+)\/src\/index\.tsx?$/.exec(chunk.facadeModuleId ?? '');
          return feature ? `assets/${feature[1]}-[hash].js` : 'assets/[name]-[hash].js';
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 4200,
    strictPort: true,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: {
    port: 4300,
  },
});
