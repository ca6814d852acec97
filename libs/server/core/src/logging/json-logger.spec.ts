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
});
