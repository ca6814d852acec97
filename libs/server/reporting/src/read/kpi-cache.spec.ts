import { jest } from '@jest/globals';
import type { AppConfig } from '@academie/server-core';
import { KpiCache } from './kpi-cache';
import { KpiChanges } from './kpi-changes';

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
  it('with the change listener: keeps an answer past the delay until a notice, and 60 s at most', async () => {
    jest.useFakeTimers({ now: 2_000_000 });
    const config = { KPI_CACHE_SECONDS: 10 } as AppConfig;
    const changes = new KpiChanges(config, { event: () => undefined } as never);
    changes['listener'].listening = true; // as if the LISTEN connection were up
    const cache = new KpiCache(config, changes);
    let runs = 0;
    const compute = async () => ++runs;
    expect(await cache.get('k', compute)).toBe(1);
    jest.setSystemTime(2_000_000 + 59_000);
    expect(await cache.get('k', compute)).toBe(1); // nothing changed
    changes.changed();
    expect(await cache.get('k', compute)).toBe(2); // a notice: computed again
    changes.changed();
    jest.setSystemTime(2_000_000 + 59_000 + 9_000);
    expect(await cache.get('k', compute)).toBe(2); // within KPI_CACHE_SECONDS of its computation
    jest.setSystemTime(2_000_000 + 59_000 + 10_001);
    expect(await cache.get('k', compute)).toBe(3);
    jest.setSystemTime(2_000_000 + 59_000 + 10_001 + 60_000);
    expect(await cache.get('k', compute)).toBe(4); // the safety net
  });
});
