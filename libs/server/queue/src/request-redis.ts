import { Global, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig, JsonLogger } from '@academie/server-core';
import { createRedis } from './redis';

/**
 * The request-path Redis connection of an HTTP process (readiness checks, rate limits): it fails fast
 * (one retry, 2 s command timeout) so that a Redis outage answers 503 instead of hanging a request.
 * Keys are written under `prefix`, the configured REDIS_PREFIX, like the queues'.
 */
@Injectable()
export class RequestRedis implements OnApplicationShutdown {
  readonly client: Redis;
  readonly prefix: string;

  constructor(config: AppConfig, logger: JsonLogger) {
    this.prefix = config.REDIS_PREFIX;
    let reported = false;
    this.client = createRedis(config.REDIS_URL, 'request', (error) => {
      // One line per outage, not one per reconnection attempt.
      if (!reported) logger.event('warn', 'redis connection error', { errorMessage: error.message }, 'redis');
      reported = true;
    });
    this.client.on('ready', () => (reported = false));
  }

  /** `<REDIS_PREFIX>:<parts joined by :>`. */
  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  onApplicationShutdown(): void {
    this.client.disconnect();
  }
}

@Global()
@Module({ providers: [RequestRedis], exports: [RequestRedis] })
export class RequestRedisModule {}
