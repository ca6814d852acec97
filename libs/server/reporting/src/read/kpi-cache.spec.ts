import { jest } from '@jest/globals';
import type { AppConfig } from '@academie/server-core';
import { KpiCache } from './kpi-cache';

const cacheFor = (seconds: number) => new KpiCache({ KPI_CACHE_SECONDS: seconds } as AppConfig);

describe('KpiCache', () => {
  afterEach(() => jest.useRealTimers());

  it('shares one computation between identical requests and recomputes after the delay', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const cache = cacheFor(10);
    let runs = 0;
    const compute = async () => ++runs;
    expect(await Promise.all([cache.get('k', compute), cache.get('k', compute)])).toEqual([1, 1]);
    jest.setSystemTime(1_000_000 + 9_999);
    expect(await cache.get('k', compute)).toBe(1);
    jest.setSystemTime(1_000_000 + 10_001);
    expect(await cache.get('k', compute)).toBe(2);
    expect(await cache.get('other', compute)).toBe(3);
  });

  it('keeps nothing with 0 seconds, and never keeps a failure', async () => {
    const off = cacheFor(0);
    let runs = 0;
    await off.get('k', async () => ++runs);
    await off.get('k', async () => ++runs);
    expect(runs).toBe(2);
    const on = cacheFor(10);
    await expect(on.get('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await on.get('k', async () => 'up')).toBe('up');
  });
});
