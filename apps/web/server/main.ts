// Production web server of Académie IA: plain Node, no framework.
//  - serves the Vite build (dist/web): hashed files under /assets cached for a year, index.html never
//    cached, SPA fallback to index.html for routes that are not files, 404 for missing files;
//  - reverse-proxies every /api request (method, headers, streamed body, status) to API_URL, answering
//    a 502 in the API's error format when the API cannot be reached;
//  - sets the security headers (CSP, HSTS, ...) on everything it serves itself.
// Written in erasable TypeScript only, so that Node 24 can also run it as is: `node apps/web/server/main.ts`.
import { randomUUID } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http, {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { extname, isAbsolute, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';

// ---------------------------------------------------------------------------------------------------
// Configuration: read and validated once, at start-up.

interface WebConfig {
  port: number;
  host: string;
  apiUrl: URL;
  distDir: string;
  /** Upstream time-out of a proxied request, in milliseconds. */
  apiTimeoutMs: number;
}

class ConfigError extends Error {}

function readConfig(env: NodeJS.ProcessEnv): WebConfig {
  const port = readInteger(env, 'WEB_PORT', 8080, 0, 65535);
  const host = (env.WEB_HOST ?? '0.0.0.0').trim();
  if (host === '') throw new ConfigError('WEB_HOST must not be empty (e.g. 0.0.0.0 or 127.0.0.1)');

  const apiUrlText = env.API_URL ?? 'http://127.0.0.1:3000';
  let apiUrl: URL;
  try {
    apiUrl = new URL(apiUrlText);
  } catch {
    throw new ConfigError(`API_URL must be an absolute http(s) URL (got "${apiUrlText}")`);
  }
  if (apiUrl.protocol !== 'http:' && apiUrl.protocol !== 'https:') {
    throw new ConfigError(`API_URL must use http or https (got "${apiUrlText}")`);
  }
  if (apiUrl.search !== '' || apiUrl.hash !== '' || apiUrl.username !== '' || apiUrl.password !== '') {
    throw new ConfigError(`API_URL must not carry credentials, a query or a fragment (got "${apiUrlText}")`);
  }

  const distText = env.WEB_DIST_DIR ?? 'dist/web';
  if (distText.trim() === '') throw new ConfigError('WEB_DIST_DIR must not be empty');
  const distDir = isAbsolute(distText) ? resolve(distText) : resolve(process.cwd(), distText);

  const apiTimeoutMs = readInteger(env, 'WEB_API_TIMEOUT_MS', 30_000, 1, 600_000);
  return { port, host, apiUrl, distDir, apiTimeoutMs };
}

function readInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max} (got "${text}")`);
  }
  return value;
}

async function checkDistDir(distDir: string): Promise<void> {
  const index = resolve(distDir, 'index.html');
  const found = await stat(index).catch(() => undefined);
  if (found === undefined || !found.isFile()) {
    throw new ConfigError(
      `WEB_DIST_DIR has no index.html (looked for ${index}): build the web first with \`node scripts/build-web.mjs\``,
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// Logging: one JSON line per event.

type Level = 'info' | 'warn' | 'error';

function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, time: new Date().toISOString(), service: 'web', msg, ...fields });
  if (level === 'info') process.stdout.write(`${line}\n`);
  else process.stderr.write(`${line}\n`);
}

// ---------------------------------------------------------------------------------------------------
// Static files.

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.vtt': 'text/vtt; charset=utf-8',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.webmanifest', '.txt', '.xml', '.svg', '.ico']);

/** Compressed bodies are kept in memory: the build is small and never changes while we run. */
const COMPRESS_LIMIT_BYTES = 4 * 1024 * 1024;
const compressedCache = new Map<string, Promise<Buffer>>();
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const SECURITY_HEADERS: OutgoingHttpHeaders = {
  // DSFR's color-scheme logic injects a <style> element and React sets style attributes: styles need
  // 'unsafe-inline'; scripts do not (Vite emits no inline script).
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    // Lesson videos are hosted wherever their authors put them (https only); captions play from blob: URLs.
    "media-src 'self' https: blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
const CACHE_NONE = 'no-cache';
const CACHE_SHORT = 'public, max-age=3600';

function cacheControlFor(urlPath: string): string {
  if (urlPath.startsWith('/assets/')) return CACHE_IMMUTABLE;
  if (urlPath.endsWith('.html')) return CACHE_NONE;
  return CACHE_SHORT;
}

function etagOf(stats: Stats): string {
  return `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
}

type Encoding = 'br' | 'gzip';

function pickEncoding(req: IncomingMessage): Encoding | undefined {
  const accepted = String(req.headers['accept-encoding'] ?? '').toLowerCase();
  if (/\bbr\b/.test(accepted)) return 'br';
  if (/\bgzip\b/.test(accepted)) return 'gzip';
  return undefined;
}

function compressed(file: string, stats: Stats, encoding: Encoding): Promise<Buffer> {
  const key = `${encoding}:${file}:${etagOf(stats)}`;
  let entry = compressedCache.get(key);
  if (entry === undefined) {
    entry = readFile(file).then((raw) =>
      encoding === 'br'
        ? brotli(raw, {
            params: {
              [zlibConstants.BROTLI_PARAM_QUALITY]: 9,
              [zlibConstants.BROTLI_PARAM_SIZE_HINT]: raw.length,
            },
          })
        : gzipAsync(raw, { level: 9 }),
    );
    entry.catch(() => compressedCache.delete(key));
    compressedCache.set(key, entry);
  }
  return entry;
}

/** The file under distDir that `urlPath` names, or undefined when the path tries to leave distDir. */
function fileFor(distDir: string, urlPath: string): string | undefined {
  const file = resolve(distDir, `.${urlPath}`);
  return file === distDir || file.startsWith(distDir + sep) ? file : undefined;
}

async function regularFile(file: string | undefined): Promise<Stats | undefined> {
  if (file === undefined) return undefined;
  const stats = await stat(file).catch(() => undefined);
  return stats?.isFile() ? stats : undefined;
}

async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  stats: Stats,
  cacheControl: string,
): Promise<void> {
  const extension = extname(file).toLowerCase();
  const etag = etagOf(stats);
  const headers: OutgoingHttpHeaders = {
    ...SECURITY_HEADERS,
    'content-type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
    'cache-control': cacheControl,
    etag,
    'last-modified': stats.mtime.toUTCString(),
  };
  const compressible = COMPRESSIBLE.has(extension) && stats.size > 512 && stats.size <= COMPRESS_LIMIT_BYTES;
  if (compressible) headers.vary = 'Accept-Encoding';

  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }

  const encoding = compressible ? pickEncoding(req) : undefined;
  if (encoding !== undefined) {
    const body = await compressed(file, stats, encoding);
    headers['content-encoding'] = encoding;
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }

  headers['content-length'] = stats.size;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await pipeline(createReadStream(file), res);
}

function sendText(res: ServerResponse, status: number, text: string, extra: OutgoingHttpHeaders = {}): void {
  const body = Buffer.from(`${text}\n`, 'utf8');
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'text/plain; charset=utf-8',
    'content-length': body.length,
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(body);
}

/** Paths that name a file (an extension, or a folder of files): never answered with index.html. */
function looksLikeFile(urlPath: string): boolean {
  if (urlPath.startsWith('/assets/') || urlPath.startsWith('/dsfr/')) return true;
  const last = urlPath.slice(urlPath.lastIndexOf('/') + 1);
  return last.includes('.');
}

async function serveStatic(config: WebConfig, req: IncomingMessage, res: ServerResponse, urlPath: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Méthode non autorisée.', { allow: 'GET, HEAD' });
    return;
  }

  // Dotfiles (.gitignore, .env...) are never part of the site.
  if (urlPath.split('/').some((segment) => segment.startsWith('.'))) {
    sendText(res, 404, 'Ressource introuvable.');
    return;
  }

  const file = fileFor(config.distDir, urlPath);
  const stats = urlPath.endsWith('/') ? undefined : await regularFile(file);
  if (file !== undefined && stats !== undefined) {
    await sendFile(req, res, file, stats, cacheControlFor(urlPath));
    return;
  }

  if (looksLikeFile(urlPath)) {
    sendText(res, 404, 'Ressource introuvable.');
    return;
  }

  // Single-page application: every other route is rendered by the client router.
  const index = resolve(config.distDir, 'index.html');
  const indexStats = await regularFile(index);
  if (indexStats === undefined) {
    sendText(res, 503, 'Le site est en cours de déploiement. Réessayez dans quelques instants.');
    return;
  }
  await sendFile(req, res, index, indexStats, CACHE_NONE);
}

// ---------------------------------------------------------------------------------------------------
// Reverse proxy to the API.

// RFC 9110 §7.6.1: connection-specific headers are not forwarded.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function endToEndHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const listed = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name !== ''),
  );
  const result: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name)) continue;
    result[name] = value;
  }
  return result;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

function sendProxyError(res: ServerResponse, requestId: string, status: 502 | 504, error: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = Buffer.from(JSON.stringify({ statusCode: status, error, message, details: [] }), 'utf8');
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': body.length,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-request-id': requestId,
  });
  res.end(body);
}

interface Proxy {
  forward(req: IncomingMessage, res: ServerResponse, target: string): void;
  close(): void;
}

function createApiProxy(config: WebConfig): Proxy {
  const secure = config.apiUrl.protocol === 'https:';
  const agentOptions = { keepAlive: true, maxSockets: 256, maxFreeSockets: 32 };
  const agent = secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  const request = secure ? https.request : http.request;
  const basePath = config.apiUrl.pathname.replace(/\/+$/, '');

  /** `target`: the request's path and query, dot segments already resolved (see `routeOf`). */
  function forward(req: IncomingMessage, res: ServerResponse, target: string): void {
    const headers = endToEndHeaders(req.headers);
    const incomingId = req.headers['x-request-id'];
    const requestId = typeof incomingId === 'string' && REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
    headers['x-request-id'] = requestId;
    const remote = req.socket.remoteAddress;
    if (remote !== undefined) {
      const previous = req.headers['x-forwarded-for'];
      headers['x-forwarded-for'] = previous ? `${String(previous)}, ${remote}` : remote;
    }
    headers['x-forwarded-proto'] ??= 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
    if (req.headers.host !== undefined) headers['x-forwarded-host'] ??= req.headers.host;
    headers.host = config.apiUrl.host;

    const upstream = request({
      protocol: config.apiUrl.protocol,
      hostname: config.apiUrl.hostname.replace(/^\[|\]$/g, ''),
      port: config.apiUrl.port || (secure ? 443 : 80),
      method: req.method,
      path: `${basePath}${target}`,
      headers,
      agent,
      timeout: config.apiTimeoutMs,
    });

    // waiting: no answer yet; streaming: the API's answer is being relayed; done: nothing more to send.
    let state: 'waiting' | 'streaming' | 'done' = 'waiting';
    const fail = (status: 502 | 504, error: string, message: string, fields: Record<string, unknown>) => {
      if (state === 'streaming') res.destroy();
      if (state !== 'waiting') return;
      state = 'done';
      log('error', status === 504 ? 'api timeout' : 'api unreachable', {
        requestId,
        method: req.method,
        path: pathOf(target),
        apiUrl: config.apiUrl.origin,
        ...fields,
      });
      sendProxyError(res, requestId, status, error, message);
    };

    upstream.on('response', (upstreamRes) => {
      if (state !== 'waiting') {
        upstreamRes.resume();
        return;
      }
      state = 'streaming';
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, endToEndHeaders(upstreamRes.headers));
      pipeline(upstreamRes, res).then(
        () => {
          state = 'done';
        },
        () => {
          // The client went away or the API cut the body short: nothing more can be said to either.
          state = 'done';
          upstream.destroy();
          res.destroy();
        },
      );
    });

    upstream.on('timeout', () => {
      fail(504, 'Gateway Timeout', "L'API n'a pas répondu à temps.", { timeoutMs: config.apiTimeoutMs });
      upstream.destroy();
    });

    upstream.on('error', (error: NodeJS.ErrnoException) => {
      fail(502, 'Bad Gateway', "L'API ne répond pas.", { code: error.code, error: error.message });
    });

    // The client closed the connection before the answer was complete: stop the upstream request.
    res.on('close', () => {
      if (res.writableFinished) return;
      if (state === 'waiting') state = 'done';
      upstream.destroy();
    });

    // Stream the request body as it comes. Not `pipeline`: on an upstream failure it would destroy the
    // client's socket before the 502 is written.
    req.on('error', () => upstream.destroy());
    req.pipe(upstream);
  }

  return { forward, close: () => agent.destroy() };
}

// ---------------------------------------------------------------------------------------------------
// Server.

function isApiPath(urlPath: string): boolean {
  // The credential signing keys are published at the site's root, where verifiers look for them.
  return urlPath === '/api' || urlPath.startsWith('/api/') || urlPath === '/.well-known/jwks.json';
}

type Route =
  | { kind: 'api'; target: string }
  | { kind: 'static'; path: string }
  | { kind: 'invalid' };

/**
 * Where a request goes. The decision is taken on the path with its dot segments resolved but still
 * percent-encoded: `/api/../index.html` is the page, `/api%2F..` is not the API, and the API only ever
 * receives paths under /api. Static paths are then decoded to be looked up on disk.
 */
function routeOf(rawUrl: string): Route {
  if (!rawUrl.startsWith('/') || rawUrl.startsWith('//')) return { kind: 'invalid' };
  let url: URL;
  try {
    url = new URL(rawUrl, 'http://web.invalid');
  } catch {
    return { kind: 'invalid' };
  }
  if (isApiPath(url.pathname)) return { kind: 'api', target: `${url.pathname}${url.search}` };
  const decoded = pathOf(url.pathname);
  return decoded === undefined ? { kind: 'invalid' } : { kind: 'static', path: decoded };
}

function pathOf(encodedPath: string): string | undefined {
  try {
    const decoded = decodeURIComponent(encodedPath.split('?', 1)[0] ?? '');
    return decoded.includes('\0') ? undefined : decoded;
  } catch {
    return undefined;
  }
}

function createWebServer(config: WebConfig): { server: http.Server; proxy: Proxy } {
  const proxy = createApiProxy(config);
  const server = http.createServer((req, res) => {
    const rawUrl = req.url ?? '/';
    const route = routeOf(rawUrl);
    if (route.kind === 'invalid') {
      sendText(res, 400, 'Requête invalide.');
      return;
    }
    if (route.kind === 'api') {
      proxy.forward(req, res, route.target);
      return;
    }
    serveStatic(config, req, res, route.path).catch((error: unknown) => {
      log('error', 'static file failed', { path: route.path, error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) sendText(res, 500, 'Erreur interne du serveur.');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  return { server, proxy };
}

function urlOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

async function main(): Promise<void> {
  let config: WebConfig;
  try {
    config = readConfig(process.env);
    await checkDistDir(config.distDir);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Invalid configuration: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const { server, proxy } = createWebServer(config);
  server.on('error', (error: NodeJS.ErrnoException) => {
    process.stderr.write(`Cannot listen on ${config.host}:${config.port} (WEB_HOST/WEB_PORT): ${error.message}\n`);
    process.exit(1);
  });
  server.listen(config.port, config.host, () => {
    const address = server.address() as AddressInfo;
    log('info', 'web server listening', {
      url: urlOf(address),
      apiUrl: config.apiUrl.href,
      distDir: config.distDir,
      pid: process.pid,
    });
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log('info', 'web server stopping', { signal });
    // Stop accepting connections; idle keep-alive sockets are closed, requests in flight may finish.
    server.close(() => {
      proxy.close();
      log('info', 'web server stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
      proxy.close();
      process.exit(0);
    }, 10_000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

await main();
