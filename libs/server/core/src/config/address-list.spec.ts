import { AddressList } from './address-list';
import { type ConfigError, loadConfig, previousJwtSecrets } from './app-config';

describe('AddressList (METRICS_ALLOW)', () => {
  it('admits the named ranges, addresses and CIDR ranges, IPv4-mapped IPv6 included', () => {
    const list = new AddressList('loopback, uniquelocal, 203.0.113.7, 2001:db8::/32');
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.1.2.3', '172.20.0.5', '192.168.1.1', 'fd00::1', '203.0.113.7', '2001:db8::42']) {
      expect([address, list.admits(address)]).toEqual([address, true]);
    }
    for (const address of ['8.8.8.8', '203.0.113.8', '172.32.0.1', '::ffff:8.8.8.8', '2001:db9::1', 'fe80::1', undefined, '', 'localhost']) {
      expect([address, list.admits(address)]).toEqual([address, false]);
    }
    expect(list.admitsEveryone).toBe(false);
  });

  it('admits nobody with `none`, and knows a list that admits everyone', () => {
    expect(new AddressList('none').admits('127.0.0.1')).toBe(false);
    expect(new AddressList('0.0.0.0/0').admitsEveryone).toBe(true);
    expect(new AddressList('0.0.0.0/0').admits('8.8.8.8')).toBe(true);
  });

  it.each(['localhost', '10.0.0.0/33', '1.2.3.4/8/1', 'privé'])('refuses %p', (spec) => {
    expect(() => new AddressList(spec)).toThrow(/neither an address/);
  });
});

describe('operations settings', () => {
  const fail = (env: Record<string, string>): ConfigError => {
    try {
      loadConfig(env);
    } catch (error) {
      return error as ConfigError;
    }
    throw new Error('expected a ConfigError');
  };

  it('reads the former access-token keys, and refuses short ones without printing them', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(32);
    expect(previousJwtSecrets(loadConfig({ AUTH_JWT_PREVIOUS_SECRETS: `${a}, ${b}` }).AUTH_JWT_PREVIOUS_SECRETS)).toEqual([a, b]);
    const error = fail({ AUTH_JWT_PREVIOUS_SECRETS: `${a},trop-court` });
    expect(error.variable).toBe('AUTH_JWT_PREVIOUS_SECRETS');
    expect(error.message).not.toContain('trop-court');
    expect(fail({ AUTH_JWT_PREVIOUS_SECRETS: Array(6).fill(a).join(',') }).message).toMatch(/at most 5/);
  });

  it('protects the metrics: loopback by default, no open list in production without a token', () => {
    expect(loadConfig({}).METRICS_ALLOW).toBe('loopback');
    expect(fail({ METRICS_ALLOW: 'partout' }).variable).toBe('METRICS_ALLOW');
    const open = fail({ NODE_ENV: 'production', METRICS_ALLOW: '0.0.0.0/0' });
    expect([open.variable, open.message]).toEqual(['METRICS_ALLOW', expect.stringMatching(/METRICS_TOKEN/)]);
    expect(loadConfig({ NODE_ENV: 'production', METRICS_ALLOW: '0.0.0.0/0', METRICS_TOKEN: 't'.repeat(32) }).METRICS_TOKEN).toBe('t'.repeat(32));
    expect(fail({ METRICS_TOKEN: 'court' }).message).not.toContain('court"');
  });

  it('keeps retention periods of at least 30 days, with the documented defaults', () => {
    const config = loadConfig({});
    expect([config.RETENTION_PROGRESS_EVENTS_DAYS, config.RETENTION_XAPI_STATEMENTS_DAYS, config.RETENTION_AUDIT_LOG_DAYS, config.RETENTION_MAIL_DAYS]).toEqual([
      730, 1095, 365, 90,
    ]);
    expect(fail({ RETENTION_MAIL_DAYS: '0' }).message).toMatch(/RETENTION_MAIL_DAYS \("0"\) must be a number of days, at least 30/);
  });
});
