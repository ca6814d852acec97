import { Redis, type RedisOptions } from 'ioredis';

/**
 * Redis connections. Workers block on Redis and must wait through outages (`maxRetriesPerRequest: null`,
 * as BullMQ requires); request-path clients fail fast instead, so that a Redis outage answers 503, not a hang.
 */
export function redisOptions(role: 'worker' | 'request'): RedisOptions {
  const base: RedisOptions = {
    lazyConnect: false,
    connectTimeout: 5_000,
    retryStrategy: (times) => Math.min(200 * times, 2_000),
  };
  return role === 'worker'
    ? { ...base, maxRetriesPerRequest: null, enableReadyCheck: true }
    : { ...base, maxRetriesPerRequest: 1, commandTimeout: 2_000 };
}

export function createRedis(url: string, role: 'worker' | 'request', onError?: (error: Error) => void): Redis {
  const redis = new Redis(url, redisOptions(role));
  // An 'error' without a listener would crash the process; outages are expected and reported by health checks.
  redis.on('error', (error) => onError?.(error));
  return redis;
}
