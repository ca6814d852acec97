import { describe, expect, it } from '@jest/globals';
import { breakdownQuery, dashboardSearchParams, parseDashboardView } from './dashboard-query';

describe('dashboard view in the URL', () => {
  it('reads months, filters and the measure', () => {
    const view = parseDashboardView(new URLSearchParams('du=2026-01&au=2026-03&public=tpe&region=84&mesure=enrollments'));
    expect(view).toEqual({ from: '2026-01', to: '2026-03', measure: 'enrollments', filters: { audience: 'tpe', region: '84' } });
  });

  it('drops unknown values, malformed months and filters beyond two', () => {
    const view = parseDashboardView(new URLSearchParams('du=2026-13&au=mars&public=tpe&region=99&secteur=C&taille=11&mesure=x'));
    expect(view).toEqual({ measure: 'trained', filters: { audience: 'tpe', sector: 'C' } });
  });

  it('puts the months in order', () => {
    expect(parseDashboardView(new URLSearchParams('du=2026-05&au=2026-02'))).toMatchObject({ from: '2026-02', to: '2026-05' });
  });

  it('writes back what it reads, defaults left out', () => {
    const params = 'du=2026-01&public=apprenti&secteur=J';
    expect(dashboardSearchParams(parseDashboardView(new URLSearchParams(params))).toString()).toBe(params);
    expect(dashboardSearchParams({ measure: 'trained', filters: {} }).toString()).toBe('');
  });

  it('never filters a breakdown on its own dimension', () => {
    const view = parseDashboardView(new URLSearchParams('du=2026-01&public=tpe&region=84'));
    expect(breakdownQuery(view, 'region')).toEqual({ from: '2026-01', to: undefined, audience: 'tpe' });
    expect(breakdownQuery(view, 'sector')).toEqual({ from: '2026-01', to: undefined, audience: 'tpe', region: '84' });
  });
});
