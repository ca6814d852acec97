// The production web server, run as a child process exactly as in production (Node 24 runs the
// erasable TypeScript as is), against a throwaway dist directory and a throwaway API.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverFile = join(dirname(fileURLToPath(import.meta.url)), 'main.ts');

interface Started {
  child: ChildProcess;
  url: string;
  stderr: () => string;
}

function startServer(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [serverFile], {
    env: { PATH: process.env.PATH ?? '', WEB_HOST: '127.0.0.1', WEB_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolvePromise, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((text) => text.includes('"web server listening"'));
      if (line !== undefined) resolvePromise({ child, url: JSON.parse(line).url, stderr: () => stderr });
    });
    child.on('exit', (code) => reject(new Error(`web server exited with ${code}: ${stderr}`)));
  });
}

function runToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [serverFile], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return once(child, 'exit').then(([code]) => ({ code: code as number | null, stderr }));
}

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request with the path sent exactly as written (fetch would normalize `..`). */
function raw(url: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolvePromise, reject) => {
    const request = http.request({ hostname, port, path, method: options.method ?? 'GET', headers: options.headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolvePromise({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('web server', () => {
  let workDir: string;
  let distDir: string;
  let api: http.Server;
  let apiUrl: string;
  let web: Started;
  const seen: Seen[] = [];

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'academie-web-'));
    distDir = join(workDir, 'dist');
    mkdirSync(join(distDir, 'assets'), { recursive: true });
    mkdirSync(join(distDir, 'dsfr', 'fonts'), { recursive: true });
    writeFileSync(join(distDir, 'index.html'), '<!doctype html><html lang="fr"><title>Académie</title></html>');
    writeFileSync(join(distDir, 'assets', 'index-AbC123.js'), `console.log(${JSON.stringify('x'.repeat(4000))});`);
    writeFileSync(join(distDir, 'dsfr', 'fonts', 'Marianne-Regular.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
    writeFileSync(join(distDir, 'dsfr', '.gitignore'), '*');
    writeFileSync(join(workDir, 'secret.txt'), 'do not serve');

    api = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (req.url?.startsWith('/api/slow')) return; // never answers
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        res.writeHead(201, { 'content-type': 'application/json', 'x-from-api': 'oui' });
        res.end(JSON.stringify({ ok: true }));
      });
    });
    await new Promise<void>((done) => api.listen(0, '127.0.0.1', done));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    web = await startServer({ WEB_DIST_DIR: distDir, API_URL: apiUrl });
  }, 20_000);

  afterAll(async () => {
    web?.child.kill('SIGTERM');
    await new Promise<void>((done) => api.close(() => done()));
    rmSync(workDir, { recursive: true, force: true });
  });

  it('serves index.html for / and for client routes, never cached, with the security headers', async () => {
    for (const path of ['/', '/formations/une-formation']) {
      const response = await fetch(`${web.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<title>Académie</title>');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    }
  });

  it('caches hashed assets for a year and serves fonts with their type', async () => {
    const script = await fetch(`${web.url}/assets/index-AbC123.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.headers.get('content-encoding')).toMatch(/^(br|gzip)$/);
    expect(await script.text()).toContain('console.log');

    const font = await fetch(`${web.url}/dsfr/fonts/Marianne-Regular.woff2`);
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/woff2');
  });

  it('answers 304 to a request that has the current version', async () => {
    const first = await fetch(`${web.url}/assets/index-AbC123.js`);
    const etag = first.headers.get('etag') ?? '';
    await first.arrayBuffer();
    const second = await raw(web.url, '/assets/index-AbC123.js', { headers: { 'if-none-match': etag } });
    expect(second.status).toBe(304);
  });

  it('answers 404 for a missing file instead of the page', async () => {
    for (const path of ['/assets/index-Gone.js', '/dsfr/fonts/Nope.woff2', '/favicon.png', '/dsfr/.gitignore']) {
      const response = await fetch(`${web.url}${path}`);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('<title>');
    }
  });

  it('never serves a file outside the dist directory', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/api/../../secret.txt']) {
      const response = await raw(web.url, path);
      expect(response.body).not.toContain('do not serve');
    }
  });

  it('refuses methods other than GET and HEAD on the site', async () => {
    const response = await fetch(`${web.url}/`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('proxies /api requests with their method, query, headers, body and status', async () => {
    seen.length = 0;
    const response = await fetch(`${web.url}/api/learning/events?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-42', cookie: 'session=abc' },
      body: JSON.stringify({ hello: 'monde' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-from-api')).toBe('oui');
    expect(await response.json()).toEqual({ ok: true });

    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/api/learning/events?x=1');
    expect(request?.body).toBe('{"hello":"monde"}');
    expect(request?.headers['x-request-id']).toBe('req-42');
    expect(request?.headers.cookie).toBe('session=abc');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-forwarded-for']).toBe('127.0.0.1');
  });

  it('gives the API a request id when the client sent none', async () => {
    seen.length = 0;
    await (await fetch(`${web.url}/api/courses`)).arrayBuffer();
    expect(seen[0]?.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 502 in the API error format when the API is down', async () => {
    const closed = http.createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((done) => closed.close(() => done()));

    const orphan = await startServer({ WEB_DIST_DIR: distDir, API_URL: deadUrl });
    try {
      const response = await fetch(`${orphan.url}/api/courses`);
      expect(response.status).toBe(502);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await response.json()).toEqual({
        statusCode: 502,
        error: 'Bad Gateway',
        message: "L'API ne répond pas.",
        details: [],
      });
    } finally {
      orphan.child.kill('SIGTERM');
    }
  }, 20_000);

  it('answers 504 when the API does not answer in time', async () => {
    const impatient = await startServer({ WEB_DIST_DIR: distDir, API_URL: apiUrl, WEB_API_TIMEOUT_MS: '300' });
    try {
      const response = await fetch(`${impatient.url}/api/slow`);
      expect(response.status).toBe(504);
      expect(await response.json()).toMatchObject({ statusCode: 504, error: 'Gateway Timeout', details: [] });
    } finally {
      impatient.child.kill('SIGTERM');
    }
  }, 20_000);

  it('stops on SIGTERM', async () => {
    const other = await startServer({ WEB_DIST_DIR: distDir, API_URL: apiUrl });
    other.child.kill('SIGTERM');
    const [code] = await once(other.child, 'exit');
    expect(code).toBe(0);
  }, 20_000);

  it.each([
    ['WEB_PORT', { WEB_PORT: 'huit mille' }],
    ['API_URL', { API_URL: 'ftp://api' }],
    ['WEB_DIST_DIR', { WEB_DIST_DIR: '/nonexistent/academie' }],
  ])('stops with one line naming %s when it is invalid', async (name, env) => {
    const { code, stderr } = await runToExit({ WEB_DIST_DIR: distDir, ...env });
    expect(code).toBe(1);
    const lines = stderr.split('\n').filter((line) => line.startsWith('Invalid configuration'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(name);
  }, 20_000);
});
