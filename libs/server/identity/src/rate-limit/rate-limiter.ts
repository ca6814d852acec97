import { Injectable } from '@nestjs/common';
import { AppConfig, JsonLogger } from '@academie/server-core';
import { RequestRedis } from '@academie/server-queue';
import { IdentityError } from '../identity.errors';
import { keyDigest } from '../session/tokens';

/** One counter to check: `rule` names the limit, `subject` is what is counted (an IP, an e-mail, a user id). */
export interface RateLimitCheck {
  rule: string;
  subject: string;
  max: number;
  windowSeconds: number;
}

/**
 * Fixed windows, all counters of one request in one atomic step: each counter is incremented, the window
 * starts at its first hit, and the request is refused if any counter is over its limit. Returns
 * [refused (0 or 1), milliseconds until the longest refusing window ends].
 */
const SCRIPT = `
local refused = 0
local retry = 0
for i, key in ipairs(KEYS) do
  local max = tonumber(ARGV[2 * i - 1])
  local window = tonumber(ARGV[2 * i])
  local count = redis.call('INCR', key)
  local ttl = redis.call('PTTL', key)
  if count == 1 or ttl < 0 then
    redis.call('PEXPIRE', key, window)
    ttl = window
  end
  if count > max then
    refused = 1
    if ttl > retry then retry = ttl end
  end
end
return {refused, retry}
`;

type Limited = { academieRateLimit(numberOfKeys: number, ...args: (string | number)[]): Promise<[number, number]> };

/**
 * Rate limits in Redis, shared by every API process (keys under REDIS_PREFIX). Subjects are hashed: no e-mail
 * or IP address is written to Redis. When Redis does not answer, the limited routes answer 503: they fail closed,
 * since without a counter a password route is an open door to guessing and to burning the CPU.
 */
@Injectable()
export class RateLimiter {
  constructor(
    private readonly redis: RequestRedis,
    private readonly config: AppConfig,
    private readonly logger: JsonLogger,
  ) {
    if (!('academieRateLimit' in redis.client)) {
      redis.client.defineCommand('academieRateLimit', { lua: SCRIPT });
    }
  }

  /** Counts the request against every check; throws 429 (with `Retry-After`) or 503. */
  async consume(checks: RateLimitCheck[]): Promise<void> {
    if (checks.length === 0) return;
    const keys = checks.map((check) => this.redis.key('ratelimit', check.rule, keyDigest(check.subject)));
    const args = checks.flatMap((check) => [check.max, check.windowSeconds * 1000]);
    let result: [number, number];
    try {
      result = await (this.redis.client as unknown as Limited).academieRateLimit(keys.length, ...keys, ...args);
    } catch (error) {
      this.logger.event('warn', 'rate limit store unavailable', { errorMessage: (error as Error).message }, 'rate-limit');
      throw IdentityError.RateLimitUnavailable();
    }
    const [refused, retryMs] = result.map(Number);
    if (refused) {
      const retryAfter = Math.max(1, Math.ceil(retryMs / 1000));
      this.logger.event('info', 'rate limited', { rules: checks.map((c) => c.rule), retryAfter }, 'rate-limit');
      throw IdentityError.RateLimited([{ field: 'request', reason: `too many attempts: retry in ${retryAfter} s` }]).withHeaders({
        'Retry-After': String(retryAfter),
      });
    }
  }

  // The checks of each route, from the configuration.

  login(ip: string, email: string): Promise<void> {
    const window = this.config.RATE_LIMIT_WINDOW_SECONDS;
    return this.consume([
      { rule: 'login-ip', subject: ip, max: this.config.RATE_LIMIT_LOGIN_PER_IP, windowSeconds: window },
      { rule: 'login-account', subject: email, max: this.config.RATE_LIMIT_LOGIN_PER_ACCOUNT, windowSeconds: window },
    ]);
  }

  register(ip: string, email: string): Promise<void> {
    return this.consume([
      { rule: 'register-ip', subject: ip, max: this.config.RATE_LIMIT_REGISTER_PER_IP, windowSeconds: this.config.RATE_LIMIT_WINDOW_SECONDS },
      this.mailToAddress(email),
    ]);
  }

  /** Resending the verification, forgotten password: requests that e-mail an address. */
  mailRequest(ip: string, email: string): Promise<void> {
    return this.consume([
      { rule: 'mail-ip', subject: ip, max: this.config.RATE_LIMIT_MAIL_PER_IP, windowSeconds: this.config.RATE_LIMIT_MAIL_WINDOW_SECONDS },
      this.mailToAddress(email),
    ]);
  }

  refresh(ip: string): Promise<void> {
    return this.consume([
      { rule: 'refresh-ip', subject: ip, max: this.config.RATE_LIMIT_REFRESH_PER_IP, windowSeconds: this.config.RATE_LIMIT_WINDOW_SECONDS },
    ]);
  }

  /** Using an e-mailed token (verification, password reset). */
  tokenUse(ip: string): Promise<void> {
    return this.consume([
      { rule: 'token-ip', subject: ip, max: this.config.RATE_LIMIT_TOKEN_PER_IP, windowSeconds: this.config.RATE_LIMIT_WINDOW_SECONDS },
    ]);
  }

  /** Changing one's password (it checks the current one): per account, as a login. */
  passwordChange(ip: string, userId: string): Promise<void> {
    const window = this.config.RATE_LIMIT_WINDOW_SECONDS;
    return this.consume([
      { rule: 'token-ip', subject: ip, max: this.config.RATE_LIMIT_TOKEN_PER_IP, windowSeconds: window },
      { rule: 'password-account', subject: userId, max: this.config.RATE_LIMIT_LOGIN_PER_ACCOUNT, windowSeconds: window },
    ]);
  }

  private mailToAddress(email: string): RateLimitCheck {
    return {
      rule: 'mail-address',
      subject: email,
      max: this.config.RATE_LIMIT_MAIL_PER_ADDRESS,
      windowSeconds: this.config.RATE_LIMIT_MAIL_WINDOW_SECONDS,
    };
  }
}
