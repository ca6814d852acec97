import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/**
 * Every setting of the platform, read from the environment once at start and validated.
 * Nothing else reads `process.env`. Defaults suit a developer machine; production sets them explicitly.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /** PostgreSQL connection URL. */
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/academie';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /** Redis connection URL (BullMQ queues, rate limits). */
  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key, so that several platforms or test runs share one server safely. */
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1 to 64 letters, digits, - or _' })
  REDIS_PREFIX = 'academie';

  /** The public address of the web site, as learners reach it (links in e-mails, QR codes). */
  @Matches(/^https?:\/\/[^\s/]+(:\d+)?(\/[^\s]*)?$/, { message: 'must be an http(s) URL' })
  PUBLIC_BASE_URL = 'http://localhost:8080';

  @IsString()
  @Matches(/^[0-9a-zA-Z.:-]+$/, { message: 'must be a host name or IP address' })
  API_HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt({ message: 'must be an integer port number' })
  @Min(0)
  @Max(65535)
  API_PORT = 3000;

  @Transform(toInt)
  @IsInt({ message: 'must be an integer port number' })
  @Min(0)
  @Max(65535)
  WEB_PORT = 8080;

  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' = 'info';

  /** How often the worker relays open outbox events to the queue. */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  OUTBOX_RELAY_INTERVAL_MS = 500;

  /** An open event enqueued longer ago than this is enqueued again under the same job id. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  OUTBOX_REDELIVER_AFTER_MS = 30_000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  WORKER_HEARTBEAT_INTERVAL_MS = 5_000;

  /** The worker is reported stale when its last heartbeat is older than this. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  WORKER_STALE_AFTER_SECONDS = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  WORKER_CONCURRENCY = 8;

  @IsOptional()
  @IsString()
  SERVICE_NAME?: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly reason: string,
  ) {
    super(`Configuration invalide : ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration; throws a ConfigError naming the first wrong variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const defaults = new AppConfig();
  const known = Object.keys(defaults) as (keyof AppConfig)[];
  const raw: Record<string, unknown> = {};
  for (const key of [...known, 'SERVICE_NAME']) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const first = errors[0];
    const reason = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    throw new ConfigError(first.property, `(${JSON.stringify(String(first.value))}) ${reason}`);
  }
  return config;
}

/**
 * For entry points: loads the configuration or stops the process with one clear line naming the variable.
 */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
