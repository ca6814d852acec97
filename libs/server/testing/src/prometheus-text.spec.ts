import { parsePrometheusText } from './prometheus-text';

const VALID = `# HELP http_request_duration_seconds Requests.
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{le="0.1",route="/api/a",method="GET"} 1
http_request_duration_seconds_bucket{le="+Inf",route="/api/a",method="GET"} 2
http_request_duration_seconds_sum{route="/api/a",method="GET"} 0.35
http_request_duration_seconds_count{route="/api/a",method="GET"} 2
# TYPE up gauge
up{path="a\\"b\\\\c"} Nan
`;

describe('parsePrometheusText (test helper)', () => {
  it('reads samples, labels with escapes, and NaN as Prometheus does', () => {
    const text = parsePrometheusText(VALID);
    expect(text.value('http_request_duration_seconds_count', { route: '/api/a' })).toBe(2);
    expect(text.find('up')[0].labels).toEqual({ path: 'a"b\\c' });
    expect(text.value('up')).toBeNaN();
  });

  it.each([
    ['a sample without TYPE', 'foo 1\n'],
    ['no final newline', '# TYPE foo gauge\nfoo 1'],
    ['a bad value', '# TYPE foo gauge\nfoo one\n'],
    ['an unquoted label', '# TYPE foo gauge\nfoo{a=b} 1\n'],
    ['a label twice', '# TYPE foo gauge\nfoo{a="1",a="2"} 1\n'],
    ['an unknown type', '# TYPE foo meter\nfoo 1\n'],
    ['two TYPE lines', '# TYPE foo gauge\n# TYPE foo gauge\nfoo 1\n'],
    ['buckets going down', VALID.replace('{le="0.1",route="/api/a",method="GET"} 1', '{le="0.1",route="/api/a",method="GET"} 3')],
    ['+Inf not equal to _count', VALID.replace('_count{route="/api/a",method="GET"} 2', '_count{route="/api/a",method="GET"} 5')],
  ])('refuses %s', (_name, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });
});
