import { FacetIndex, type FacetSourceRow } from './facet-index';

const rows: FacetSourceRow[] = [
  { id: 'a', kind: 'course', level: 'decouverte', duration_minutes: 90, audiences: ['tpe', 'pme'], sectors: ['C'], use_cases: ['rh'] },
  { id: 'b', kind: 'tutorial', level: 'decouverte', duration_minutes: 20, audiences: ['tpe'], sectors: [], use_cases: ['marketing'] },
  { id: 'c', kind: 'course', level: 'avance', duration_minutes: 300, audiences: ['eti'], sectors: ['C', 'D'], use_cases: ['rh', 'production'] },
  { id: 'd', kind: 'course', level: 'intermediaire', duration_minutes: 45, audiences: ['pme'], sectors: ['G'], use_cases: ['marketing'] },
];

describe('FacetIndex', () => {
  const index = FacetIndex.build(rows);

  it('counts everything without filters', () => {
    const { total, facets } = index.count(null, {});
    expect(total).toBe(4);
    expect(facets.audience).toEqual([
      { value: 'pme', count: 2 },
      { value: 'tpe', count: 2 },
      { value: 'eti', count: 1 },
    ]);
    expect(facets.duration.map((d) => d.count)).toEqual([1, 1, 1, 0, 1]);
  });

  it('counts each facet over the other filters only', () => {
    const { total, facets } = index.count(null, { level: ['decouverte'], audience: ['pme'] });
    expect(total).toBe(1); // a
    // level ignores the level filter: among pme courses (a, d), one decouverte, one intermediaire
    expect(facets.level).toEqual([
      { value: 'decouverte', count: 1 },
      { value: 'intermediaire', count: 1 },
    ]);
    // audience ignores the audience filter: among decouverte courses (a, b): tpe 2, pme 1
    expect(facets.audience).toEqual([
      { value: 'tpe', count: 2 },
      { value: 'pme', count: 1 },
    ]);
    expect(facets.sector).toEqual([{ value: 'C', count: 1 }]);
  });

  it('restricts to the text matches and applies duration bounds', () => {
    const { total, facets } = index.count(['a', 'c', 'unknown'], { durationMax: 100 });
    expect(total).toBe(1);
    expect(facets.useCase).toEqual([{ value: 'rh', count: 1 }]);
    expect(facets.duration.map((d) => d.count)).toEqual([0, 0, 1, 0, 1]);
  });
});
