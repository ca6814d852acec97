import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives the documented defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/academie');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.API_PORT).toBe(3000);
    expect(config.WEB_PORT).toBe(8080);
    expect(config.PUBLIC_BASE_URL).toBe('http://localhost:8080');
  });

  it('converts numbers and keeps given values', () => {
    const config = loadConfig({ API_PORT: '4000', DATABASE_URL: 'postgresql://u@db:5432/x', REDIS_PREFIX: 'p-1' });
    expect(config.API_PORT).toBe(4000);
    expect(config.DATABASE_URL).toBe('postgresql://u@db:5432/x');
    expect(config.REDIS_PREFIX).toBe('p-1');
  });

  it.each([
    ['API_PORT', 'abc'],
    ['API_PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'localhost:6379'],
    ['PUBLIC_BASE_URL', 'academie.fr'],
    ['LOG_LEVEL', 'loud'],
    ['REDIS_PREFIX', 'has:colon'],
  ])('refuses %s=%s with one line naming the variable', (variable, value) => {
    let error: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toMatch(new RegExp(`^Configuration invalide : ${variable} `));
    expect((error as ConfigError).message).not.toContain('\n');
  });
});
