import { JsonLogger } from './json-logger';
import { requestContext } from './request-context';

describe('JsonLogger', () => {
  const capture = (level: 'debug' | 'info' = 'info') => {
    const lines: string[] = [];
    return { lines, logger: new JsonLogger('api', level, (line) => lines.push(line)) };
  };

  it('writes one JSON object per line with the request id of the current request', () => {
    const { lines, logger } = capture();
    requestContext.run({ requestId: 'req-1' }, () => logger.log('hello', 'Ctx'));
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'info', service: 'api', context: 'Ctx', msg: 'hello', requestId: 'req-1' });
  });

  it('drops entries under the minimum level', () => {
    const { lines, logger } = capture('info');
    logger.debug('noise');
    logger.warn('kept');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['kept']);
  });

  it("keeps Nest's error stack apart from the message", () => {
    const { lines, logger } = capture();
    logger.error('boom', 'Error: boom\n    at x', 'Ctx');
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'error', msg: 'boom', stack: 'Error: boom\n    at x', context: 'Ctx' });
  });

  it('masks e-mail addresses, JWTs and Bearer credentials that a caller or a third-party error lets through', () => {
    const { lines, logger } = capture();
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhYmMxMjM0NSJ9.c2lnbmF0dXJl';
    logger.event('warn', 'mail not sent', { errorMessage: '550 5.1.1 <camille.martin@example.fr>: Recipient address rejected', header: `Bearer ${jwt}`, other: 'Bearer opaque-credential-0123456789' });
    logger.error(new Error(`token ${jwt} refused for Camille.Martin+test@sub.example.co.uk`));
    const text = lines.join('');
    expect(text).not.toMatch(/example\.fr|example\.co\.uk|eyJ/);
    expect(JSON.parse(lines[0])).toMatchObject({ errorMessage: '550 5.1.1 <[e-mail]>: Recipient address rejected', header: 'Bearer [jwt]', other: 'Bearer [redacted]' });
    expect(JSON.parse(lines[1]).msg).toBe('token [jwt] refused for [e-mail]');
  });
});
