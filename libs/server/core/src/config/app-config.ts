import 'reflect-metadata';
import { join } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, validateSync } from 'class-validator';
import { AddressList } from './address-list';
import { type KeyKind, RANDOM_SECRET, RSA_PRIVATE_KEY_PEM, loadOrCreateSecret } from './key-store';
import { parseJwks, parseRsaPrivateKey } from './signing-key';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toNumber = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;

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

  /**
   * Outbox events a worker delivers together: one transaction per subscriber for up to this many events, whose jobs
   * ran at the same moment (the outbox queue runs twice this many jobs at once). 1 delivers each event alone.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  OUTBOX_BATCH_SIZE = 50;

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

  /**
   * How long a worker's lock on a running job lasts, renewed while it runs; also how often workers look for
   * stalled jobs. A job whose worker died (SIGKILL, power loss) runs again after at most twice this delay.
   */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  WORKER_LOCK_DURATION_MS = 30_000;

  /**
   * How often each worker declares the repeatable jobs' schedules again (nightly reconciliation, retention, reminders):
   * a Redis that lost its data gets them back within this delay, without a restart.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  JOB_SCHEDULE_REFRESH_MS = 60_000;

  /**
   * Bearer token that opens the Prometheus metrics (`/api/metrics` and the worker's metrics port) from any address;
   * at least 32 characters. Without it, only the addresses of METRICS_ALLOW may read them.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters long' })
  @MaxLength(512)
  METRICS_TOKEN?: string;

  /**
   * Client addresses that may read the metrics without the token: addresses, CIDR ranges, `loopback`, `linklocal`,
   * `uniquelocal` (private networks), comma-separated, or `none` (the token only). Behind the web server, the API
   * judges the client's address as TRUST_PROXY resolves it, never the proxy's. In production, a list that admits every
   * address (`0.0.0.0/0`, `::/0`) is refused unless METRICS_TOKEN is set.
   */
  @Matches(/^[0-9a-fA-F:.,/\sa-z]+$/, { message: 'must be addresses, CIDR ranges, loopback/linklocal/uniquelocal, or none' })
  METRICS_ALLOW = 'loopback';

  /** Where the worker serves its Prometheus metrics (`GET /metrics`); `0` picks a free port (tests). */
  @IsString()
  @Matches(/^[0-9a-zA-Z.:-]+$/, { message: 'must be a host name or IP address' })
  WORKER_METRICS_HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt({ message: 'must be an integer port number' })
  @Min(0)
  @Max(65535)
  WORKER_METRICS_PORT = 9464;

  /**
   * Retention of personal data, in days (docs/retention.md); the worker deletes what is older, every night. Progress
   * events (lesson by lesson, with their xAPI statements): 2 years.
   */
  @Transform(toInt)
  @IsInt()
  @Min(30, { message: 'must be a number of days, at least 30' })
  @Max(36_500)
  RETENTION_PROGRESS_EVENTS_DAYS = 730;

  /** xAPI statements of quiz attempts and course completions served by `/api/xapi/statements`: 3 years. */
  @Transform(toInt)
  @IsInt()
  @Min(30, { message: 'must be a number of days, at least 30' })
  @Max(36_500)
  RETENTION_XAPI_STATEMENTS_DAYS = 1095;

  /** Audit log entries: 1 year. */
  @Transform(toInt)
  @IsInt()
  @Min(30, { message: 'must be a number of days, at least 30' })
  @Max(36_500)
  RETENTION_AUDIT_LOG_DAYS = 365;

  /** E-mails kept in the mail outbox (address, template, parameters), sent or not: 90 days. */
  @Transform(toInt)
  @IsInt()
  @Min(30, { message: 'must be a number of days, at least 30' })
  @Max(36_500)
  RETENTION_MAIL_DAYS = 90;

  /** When the worker applies the retention, every day (cron pattern, Paris time). */
  @Matches(/^\S+( \S+){4}$/, { message: 'must be a 5-field cron pattern' })
  RETENTION_CRON = '15 4 * * *';

  /** Rows deleted per statement by the retention job: bounded batches keep locks and WAL bursts short. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(100_000)
  RETENTION_BATCH_SIZE = 5_000;

  /**
   * Share of a video a learner must have reached (furthest position over its length) for the video lesson to count
   * as completed, from 0.1 to 1.
   */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number between 0.1 and 1' })
  @Min(0.1, { message: 'must be a number between 0.1 and 1' })
  @Max(1, { message: 'must be a number between 0.1 and 1' })
  VIDEO_COMPLETION_RATIO = 0.9;

  @IsOptional()
  @IsString()
  SERVICE_NAME?: string;

  /**
   * Denominators of the « companies reached » KPI (docs/kpi.md), `TPE=n,PME=n,ETI=n,GE=n`. Unset: INSEE's counts of
   * enterprises (LME) from the reference data (france.json `enterprise_counts`).
   */
  @IsOptional()
  @Matches(/^TPE=\d+,PME=\d+,ETI=\d+,GE=\d+$/, { message: 'must be TPE=<n>,PME=<n>,ETI=<n>,GE=<n>' })
  KPI_ENTERPRISE_COUNTS?: string;

  /** What KPI_ENTERPRISE_COUNTS counts: INSEE `enterprises` (LME, the default) or `legal_units` (SIREN). */
  @IsIn(['enterprises', 'legal_units'])
  KPI_ENTERPRISE_COUNT_UNIT: 'enterprises' | 'legal_units' = 'enterprises';

  /** How long an API process reuses a KPI answer, in seconds (0: never); the KPIs stay well within a minute of the events. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300)
  KPI_CACHE_SECONDS = 10;

  /**
   * Memory an API process may give to the KPI rollup slices it keeps (month prefix sums of `kpi_cell`, docs/kpi.md),
   * in MiB: the bound of that cache whatever the number of learners (least recently used slices out first).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1024)
  KPI_SLICE_CACHE_MB = 64;

  /**
   * When the members of a cohort are reminded of an assigned course's due date, in days before it, comma-separated
   * (`7,1`: a week before and the day before). One e-mail per step; a member reached late gets only the nearest step.
   */
  @Matches(/^\d{1,3}(,\d{1,3}){0,4}$/, { message: 'must be up to 5 numbers of days, comma-separated (e.g. 7,1)' })
  ORG_REMINDER_DAYS = '7,1';

  /** When the worker looks for due dates to remind, every day (cron pattern, Paris time). */
  @Matches(/^\S+( \S+){4}$/, { message: 'must be a 5-field cron pattern' })
  ORG_REMINDER_CRON = '0 8 * * *';


  /**
   * Local data folder of a developer machine (relative to the working directory): generated development
   * keys live in `<DATA_DIR>/keys/`. Ignored by git. Never used in production, where keys are given.
   */
  @IsString()
  @MinLength(1)
  DATA_DIR = '.data';

  /**
   * Which proxies may tell the API the client's address (`X-Forwarded-For`), as a comma-separated list of
   * addresses, CIDR ranges or `loopback`, `linklocal`, `uniquelocal` (private networks). The per-IP rate limits
   * rest on it: by default only the web server on the same host or a private network is believed, so a client
   * reaching the API directly cannot choose its own address.
   */
  @Matches(/^[0-9a-fA-F:.,/\sa-z]+$/, { message: 'must be addresses, CIDR ranges or loopback/linklocal/uniquelocal' })
  TRUST_PROXY = 'loopback,uniquelocal';

  /**
   * HS256 key of the access tokens (JWT), used for nothing else; at least 32 characters. Required in
   * production (`openssl rand -base64 48`). In development and test, when absent, the API generates one at
   * first start and keeps it in `<DATA_DIR>/keys/auth-jwt-secret` (mode 0600), shared by local processes.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters long' })
  @MaxLength(512)
  AUTH_JWT_SECRET?: string;

  /**
   * After a rotation of AUTH_JWT_SECRET: the former keys, comma-separated (each at least 32 characters, at most 5).
   * Tokens they signed keep verifying until they expire (AUTH_ACCESS_TOKEN_TTL_SECONDS); new tokens are signed with
   * AUTH_JWT_SECRET only. Every token names its key in the `kid` header (derived from the key, never the key itself);
   * a key removed from this list refuses its tokens at once. Procedure: docs/operations.md.
   */
  @IsOptional()
  @IsString()
  @MaxLength(2_600)
  AUTH_JWT_PREVIOUS_SECRETS?: string;

  /**
   * RSA private key (2048 bits or more) that signs the certificates' credentials (VC-JWT, RS256): PEM (PKCS#8 or
   * PKCS#1; newlines may be written `\\n`) or a private JWK (JSON). Required in production (`openssl genpkey
   * -algorithm RSA -pkeyopt rsa_keygen_bits:2048`). In development and test, when absent, the API and the worker
   * generate one at first start and keep it in `<DATA_DIR>/keys/credential-signing-key.pem` (mode 0600). Its public
   * half is published at `/.well-known/jwks.json` under its RFC 7638 thumbprint, the `kid` of every credential.
   */
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  CREDENTIAL_SIGNING_KEY?: string;

  /**
   * After a key rotation: the public keys of former signing keys, still published in the JWKS so that credentials
   * they signed keep verifying. A JSON Web Key Set, `{"keys":[{"kty":"RSA","n":"...","e":"AQAB"}]}`.
   */
  @IsOptional()
  @IsString()
  @MaxLength(200_000)
  CREDENTIAL_PREVIOUS_PUBLIC_KEYS?: string;

  /** Lifetime of an access token, in seconds (15 minutes). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(3600)
  AUTH_ACCESS_TOKEN_TTL_SECONDS = 900;

  /** Lifetime of a refresh token (and of its cookie), in days; each refresh issues a new one. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  AUTH_REFRESH_TOKEN_TTL_DAYS = 30;

  /**
   * Where the worker sends e-mails: `smtp://host:port` (or `smtps://user:pass@host:port`). A `file:` URL
   * (`file:///abs/dir` or `file:.data/mail`) writes each message as a `.eml` file there instead (development).
   */
  @Matches(/^(smtps?:\/\/[^\s]+|file:[^\s]+)$/, { message: 'must be an smtp://, smtps:// or file: URL' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  /** Sender of every e-mail. */
  @IsString()
  @Matches(/<[^\s<>@]+@[^\s<>@]+>$|^[^\s<>@]+@[^\s<>@]+$/, { message: 'must be an address or "Name <address>"' })
  MAIL_FROM = "Académie de l'IA <ne-pas-repondre@academie-ia.gouv.fr>";

  /**
   * Rate limits of the sign-in routes, counted in Redis (shared by every API process) over fixed windows
   * and checked before any password hashing. A request beyond a limit answers 429 with `Retry-After`.
   * Window of the login, refresh and token limits, in seconds (15 minutes).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_WINDOW_SECONDS = 900;

  /** Login attempts per account (e-mail) per window, whatever their outcome. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_PER_ACCOUNT = 10;

  /** Login attempts per client IP per window (higher: offices and schools share an address). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_PER_IP = 50;

  /** Refreshes per client IP per window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_REFRESH_PER_IP = 300;

  /** Uses of e-mailed tokens (verification, password reset) and password changes per IP (or account) per window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_TOKEN_PER_IP = 30;

  /** Registrations per client IP per window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_REGISTER_PER_IP = 20;

  /** E-mails a visitor can trigger to one address (sign-up, resend, forgotten password) per mail window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_MAIL_PER_ADDRESS = 5;

  /** Requests that send e-mails (resend, forgotten password) per client IP per mail window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_MAIL_PER_IP = 20;

  /** Window of the two e-mail limits above, in seconds (1 hour). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_MAIL_WINDOW_SECONDS = 3600;

  /** Public certificate routes (verification, PDF, credential) per client IP per certificate window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_CERTIFICATE_PER_IP = 120;

  /** Window of the certificate limit, in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_CERTIFICATE_WINDOW_SECONDS = 60;

  /**
   * First delay of the exponential backoff of job retries, in milliseconds, replacing each retry preset's own
   * (2 s for `standard`). Unset in production; tests shorten it so that a job exhausts its attempts in seconds.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  JOB_RETRY_DELAY_MS?: number;

  /**
   * Single sign-on with ProConnect (professionals; its `siret` claim fills the employer). Enabled when the
   * issuer, client id and client secret are all set. The redirect URI to register at the provider is
   * `<PUBLIC_BASE_URL>/api/auth/sso/proconnect/callback`.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be the issuer URL of the provider' })
  PROCONNECT_ISSUER?: string;

  @IsOptional()
  @IsString()
  PROCONNECT_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  PROCONNECT_CLIENT_SECRET?: string;

  @IsString()
  PROCONNECT_SCOPE = 'openid email given_name usual_name siret';

  /**
   * Single sign-on with FranceConnect (citizens: jobseekers, apprentices), enabled like ProConnect; redirect URI
   * `<PUBLIC_BASE_URL>/api/auth/sso/franceconnect/callback`.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be the issuer URL of the provider' })
  FRANCECONNECT_ISSUER?: string;

  @IsOptional()
  @IsString()
  FRANCECONNECT_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  FRANCECONNECT_CLIENT_SECRET?: string;

  @IsString()
  FRANCECONNECT_SCOPE = 'openid email given_name family_name';
}

/** Settings without a default (absent unless set): they must be listed to be read. */
const OPTIONAL_KEYS = [
  'SERVICE_NAME',
  'KPI_ENTERPRISE_COUNTS',
  'AUTH_JWT_SECRET',
  'CREDENTIAL_SIGNING_KEY',
  'CREDENTIAL_PREVIOUS_PUBLIC_KEYS',
  'AUTH_JWT_PREVIOUS_SECRETS',
  'METRICS_TOKEN',
  'JOB_RETRY_DELAY_MS',
  'PROCONNECT_ISSUER',
  'PROCONNECT_CLIENT_ID',
  'PROCONNECT_CLIENT_SECRET',
  'FRANCECONNECT_ISSUER',
  'FRANCECONNECT_CLIENT_ID',
  'FRANCECONNECT_CLIENT_SECRET',
] as const;

/** Secrets a process needs; each is required in production and generated once per machine elsewhere. */
export type ProcessSecret = 'AUTH_JWT_SECRET' | 'CREDENTIAL_SIGNING_KEY';

const SECRETS: Record<ProcessSecret, { file: string; kind: KeyKind; production: string }> = {
  AUTH_JWT_SECRET: {
    file: 'auth-jwt-secret',
    kind: RANDOM_SECRET,
    production: 'is required in production (at least 32 characters, e.g. openssl rand -base64 48)',
  },
  CREDENTIAL_SIGNING_KEY: {
    file: 'credential-signing-key.pem',
    kind: RSA_PRIVATE_KEY_PEM,
    production: 'is required in production (an RSA private key of 2048 bits or more: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048)',
  },
};

export interface LoadConfigOptions {
  /**
   * The secrets this process uses (the API: `AUTH_JWT_SECRET` and `CREDENTIAL_SIGNING_KEY`). Missing in production: a ConfigError.
   * Missing in development or test: read from, or generated once into, `<DATA_DIR>/keys/`.
   */
  secrets?: ProcessSecret[];
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
export function loadConfig(env: Record<string, string | undefined> = process.env, options: LoadConfigOptions = {}): AppConfig {
  const defaults = new AppConfig();
  const known = Object.keys(defaults) as (keyof AppConfig)[];
  const raw: Record<string, unknown> = {};
  for (const key of [...known, ...OPTIONAL_KEYS]) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const first = errors[0];
    const reason = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    const shown = SECRET_NAMES.has(first.property) ? '(secret)' : `(${JSON.stringify(String(first.value))})`;
    throw new ConfigError(first.property, `${shown} ${reason}`);
  }
  for (const secret of options.secrets ?? []) {
    if (config[secret]) continue;
    if (config.NODE_ENV === 'production') throw new ConfigError(secret, SECRETS[secret].production);
    config[secret] = loadOrCreateSecret(join(config.DATA_DIR, 'keys', SECRETS[secret].file), SECRETS[secret].kind);
  }
  if (config.CREDENTIAL_SIGNING_KEY) {
    try {
      parseRsaPrivateKey(config.CREDENTIAL_SIGNING_KEY);
    } catch (error) {
      throw new ConfigError('CREDENTIAL_SIGNING_KEY', `(secret) ${(error as Error).message}`);
    }
  }
  if (config.AUTH_JWT_PREVIOUS_SECRETS !== undefined) {
    const previous = previousJwtSecrets(config.AUTH_JWT_PREVIOUS_SECRETS);
    if (previous.length > 5) throw new ConfigError('AUTH_JWT_PREVIOUS_SECRETS', '(secret) must list at most 5 former keys');
    if (previous.some((secret) => secret.length < 32)) {
      throw new ConfigError('AUTH_JWT_PREVIOUS_SECRETS', '(secret) must list keys of at least 32 characters each, comma-separated');
    }
  }
  let metricsAllow: AddressList;
  try {
    metricsAllow = new AddressList(config.METRICS_ALLOW);
  } catch (error) {
    throw new ConfigError('METRICS_ALLOW', `(${JSON.stringify(config.METRICS_ALLOW)}) ${(error as Error).message}`);
  }
  if (config.NODE_ENV === 'production' && metricsAllow.admitsEveryone && !config.METRICS_TOKEN) {
    throw new ConfigError('METRICS_ALLOW', `(${JSON.stringify(config.METRICS_ALLOW)}) admits every address: set METRICS_TOKEN too in production`);
  }
  if (config.CREDENTIAL_PREVIOUS_PUBLIC_KEYS) {
    try {
      parseJwks(config.CREDENTIAL_PREVIOUS_PUBLIC_KEYS);
    } catch (error) {
      throw new ConfigError('CREDENTIAL_PREVIOUS_PUBLIC_KEYS', (error as Error).message);
    }
  }
  return config;
}

const SECRET_NAMES = new Set<string>([...Object.keys(SECRETS), 'AUTH_JWT_PREVIOUS_SECRETS', 'METRICS_TOKEN']);

/** The former access-token keys of AUTH_JWT_PREVIOUS_SECRETS, in the order given. */
export const previousJwtSecrets = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/**
 * For entry points: loads the configuration from the environment, with the secrets this process uses, or stops
 * the process with one clear line naming the variable.
 */
export function loadConfigOrExit(options: LoadConfigOptions & { env?: Record<string, string | undefined> } = {}): AppConfig {
  try {
    return loadConfig(options.env ?? process.env, options);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
