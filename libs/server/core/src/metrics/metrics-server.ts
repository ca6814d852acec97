import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { errorBody } from '../errors/error-body';
import { JsonLogger } from '../logging/json-logger';
import { MetricsRegistry } from './metrics-registry';

/**
 * The metrics of a process without an HTTP API (the worker): `GET /metrics` on WORKER_METRICS_HOST:WORKER_METRICS_PORT
 * (127.0.0.1:9464 by default), under the same protection as the API's (METRICS_ALLOW against the socket's address,
 * there is no proxy here; METRICS_TOKEN). A port already taken is logged as an error and the worker runs on: its jobs
 * matter more than its figures.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: Server | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: MetricsRegistry,
    private readonly logger: JsonLogger,
  ) {}

  /** The bound port (useful with WORKER_METRICS_PORT=0), or null when not listening. */
  get port(): number | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? (address as AddressInfo).port : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((request, response) => void this.answer(request, response));
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.config.WORKER_METRICS_PORT, this.config.WORKER_METRICS_HOST, () => resolve());
      });
      this.server = server;
      server.on('error', (error) => this.logger.event('warn', 'metrics server error', { errorMessage: error.message }, 'metrics'));
      this.logger.event('info', 'metrics listening', { url: `http://${this.config.WORKER_METRICS_HOST}:${this.port}/metrics` }, 'metrics');
    } catch (error) {
      this.logger.event(
        'error',
        'metrics server not started',
        { host: this.config.WORKER_METRICS_HOST, port: this.config.WORKER_METRICS_PORT, errorMessage: (error as Error).message },
        'metrics',
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
      response.end(body);
    };
    const json = 'application/json; charset=utf-8';
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/metrics') return send(404, json, JSON.stringify(errorBody(404, 'Introuvable : seul /metrics est servi ici.')));
    if (request.method !== 'GET') return send(405, json, JSON.stringify(errorBody(405, 'Méthode non permise.', [{ field: 'method', reason: 'must be GET' }])), { allow: 'GET' });
    const refusal = this.metrics.refusal(request.socket.remoteAddress, request.headers.authorization);
    if (refusal) {
      return send(refusal.status, json, JSON.stringify(errorBody(refusal.status, refusal.message, refusal.details)), refusal.status === 401 ? { 'www-authenticate': 'Bearer' } : {});
    }
    try {
      send(200, this.metrics.contentType, await this.metrics.metrics());
    } catch (error) {
      this.logger.event('error', 'metrics collection failed', { errorMessage: (error as Error).message }, 'metrics');
      send(503, json, JSON.stringify(errorBody(503, 'Métriques momentanément indisponibles.')));
    }
  }
}
