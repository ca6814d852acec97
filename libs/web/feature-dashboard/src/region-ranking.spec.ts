import type { KpiBreakdownCell, KpiCount } from '@academie/contracts';
import { describe, expect, it } from '@jest/globals';
import { rankRegions } from './region-ranking';

const shown = (value: number): KpiCount => ({ value, suppressed: false });
const HIDDEN: KpiCount = { value: null, suppressed: true };
const cell = (code: string, trained: KpiCount): KpiBreakdownCell => ({
  code,
  label: code,
  counts: { trained, certificates: shown(0), enrollments: shown(0), completions: shown(0), newLearners: shown(0) },
  completionRate: null,
});

describe('regions ranking', () => {
  it('ranks published counts (ties share a rank), then hidden ones unranked, then regions without activity', () => {
    const ranking = rankRegions([cell('11', shown(40)), cell('84', shown(120)), cell('53', shown(40)), cell('94', HIDDEN)], 'trained');
    expect(ranking).toHaveLength(18);
    expect(ranking.slice(0, 5).map((row) => [row.code, row.rank])).toEqual([
      ['84', '1'],
      ['11', '2'],
      ['53', '2'],
      ['94', 'non classée'],
      ['01', '—'],
    ]);
    expect(ranking.slice(4).every((row) => row.rank === '—' && row.count.value === 0)).toBe(true);
  });
});

describe('filter choices', () => {
  it('lists size bands from « non employeuse » up and regions by name', async () => {
    const { filterChoices } = await import('./breakdown-section');
    expect(filterChoices('companySize').map(([code]) => code).slice(0, 4)).toEqual(['NN', '00', '01', '02']);
    expect(filterChoices('companySize').at(-1)?.[0]).toBe('53');
    expect(filterChoices('region')[0]?.[1]).toBe('Auvergne-Rhône-Alpes');
  });
});
