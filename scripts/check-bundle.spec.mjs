import { describe, expect, it } from '@jest/globals';
import { BUDGET_BYTES, firstPageChunks, measure } from './check-bundle.mjs';

// A build as the chunk-graph plugin describes it: the entry imports a shared chunk statically and the studio lazily.
const graph = {
  chunks: [
    { file: 'assets/index.js', isEntry: true, imports: ['assets/shared.js'], dynamicImports: ['assets/studio.js'], modules: ['apps/web/src/main.tsx'] },
    { file: 'assets/shared.js', isEntry: false, imports: [], dynamicImports: [], modules: ['libs/web/ui/src/index.ts'] },
    { file: 'assets/studio.js', isEntry: false, imports: ['assets/shared.js'], dynamicImports: [], modules: ['libs/web/feature-studio/src/index.tsx'] },
  ],
};

describe('check:bundle', () => {
  it('counts the entry and its static imports, not the lazy chunks', () => {
    expect(firstPageChunks(graph).map((c) => c.file).sort()).toEqual(['assets/index.js', 'assets/shared.js']);
    const { total, chunks, intruders } = measure(graph, (file) => Buffer.from(file.repeat(100)));
    expect(chunks).toHaveLength(2);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(BUDGET_BYTES);
    expect(intruders).toEqual([]);
  });

  it('names studio, dashboard or admin code pulled into the first page by a static import', () => {
    const eager = { chunks: graph.chunks.map((c) => (c.isEntry ? { ...c, imports: [...c.imports, 'assets/studio.js'] } : c)) };
    expect(measure(eager, () => Buffer.from('x')).intruders).toEqual(['assets/studio.js: libs/web/feature-studio/src/index.tsx']);
  });
});
