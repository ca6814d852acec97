// `npm run check:bundle` (in `npm test`, after the build): the JavaScript the learner's first page ('/') ships,
// gzipped — the entry chunk of dist/web/index.html and every chunk it imports statically, not the lazy ones —
// against the budget of issue 10 (200 KB gzipped). Also fails when code of the heavy areas (studio, dashboard,
// admin) is in that set: they must stay behind a lazy import. Reads dist/web-stats/chunk-graph.json, written by
// the chunk-graph plugin of apps/web/vite.config.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root } from './paths.mjs';

export const BUDGET_BYTES = 200 * 1024;
/** Source folders that must never be in the first page. */
export const LAZY_AREAS = ['libs/web/feature-studio/', 'libs/web/feature-dashboard/', 'libs/web/feature-admin/'];

/** The chunks the first page loads: the entry chunks and, transitively, their static imports. */
export function firstPageChunks(graph) {
  const byFile = new Map(graph.chunks.map((chunk) => [chunk.file, chunk]));
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || !byFile.has(file)) return;
    seen.add(file);
    for (const imported of byFile.get(file).imports) visit(imported);
  };
  for (const chunk of graph.chunks) if (chunk.isEntry) visit(chunk.file);
  return [...seen].map((file) => byFile.get(file));
}

/** The first page's chunks with their gzipped sizes, the total, and the lazy areas found in them. */
export function measure(graph, readChunk) {
  const chunks = firstPageChunks(graph)
    .map((chunk) => ({ file: chunk.file, bytes: gzipSync(readChunk(chunk.file)).length, modules: chunk.modules }))
    .sort((a, b) => b.bytes - a.bytes);
  const total = chunks.reduce((sum, chunk) => sum + chunk.bytes, 0);
  const intruders = chunks.flatMap((chunk) =>
    chunk.modules.filter((id) => LAZY_AREAS.some((area) => id.includes(area))).map((id) => `${chunk.file}: ${id}`),
  );
  return { chunks, total, intruders };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const graphFile = join(root, 'dist', 'web-stats', 'chunk-graph.json');
  if (!existsSync(graphFile)) {
    console.error(`[check:bundle] ${graphFile} is missing: run \`npm run build:web\` first.`);
    process.exit(1);
  }
  const graph = JSON.parse(readFileSync(graphFile, 'utf8'));
  const lazyOnly = LAZY_AREAS.filter((area) => !graph.chunks.some((chunk) => chunk.modules.some((id) => id.includes(area))));
  const { chunks, total, intruders } = measure(graph, (file) => readFileSync(join(root, 'dist', 'web', file)));
  console.log(`[check:bundle] first page ('/'): ${kb(total)} of JavaScript gzipped in ${chunks.length} chunks (budget ${kb(BUDGET_BYTES)})`);
  for (const chunk of chunks.slice(0, 8)) console.log(`[check:bundle]   ${kb(chunk.bytes).padStart(9)}  ${chunk.file}`);
  const allChunks = graph.chunks.length;
  console.log(`[check:bundle] ${allChunks - chunks.length} other chunks load lazily; not in the build at all: ${lazyOnly.join(', ') || 'none'}`);
  let failed = false;
  if (total > BUDGET_BYTES) {
    console.error(`[check:bundle] FAILED: ${kb(total)} is over the budget of ${kb(BUDGET_BYTES)}`);
    failed = true;
  }
  if (intruders.length) {
    console.error(`[check:bundle] FAILED: code of a lazy area is in the first page:\n  ${intruders.slice(0, 20).join('\n  ')}`);
    failed = true;
  }
  process.exit(failed ? 1 : 0);
}
