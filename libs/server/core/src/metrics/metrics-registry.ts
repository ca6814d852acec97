import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ErrorDetail } from '@academie/contracts';
import { AddressList } from '../config/address-list';
import { AppConfig } from '../config/app-config';

/** Latency buckets in seconds: from the 5 ms of a cached read to the 10 s beyond which a client has given up. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** HTTP methods kept as a label; anything else is `other`, so that a client cannot grow the label set. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export type MetricsRefusal = { status: 401 | 403; message: string; details: ErrorDetail[] };

/**
 * The Prometheus registry of one process (API or worker), with Node's default process metrics. One registry per
 * Nest application rather than prom-client's global one, so that several apps in one test process keep separate
 * figures. Labels never carry personal data: routes are templates (`/api/courses/:slug`), never raw URLs.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
  private readonly allow: AddressList;
  private readonly token: Buffer | null;
  private readonly http: Histogram<'method' | 'route' | 'status'>;

  constructor(config: AppConfig) {
    collectDefaultMetrics({ register: this.registry });
    this.allow = new AddressList(config.METRICS_ALLOW);
    this.token = config.METRICS_TOKEN ? Buffer.from(config.METRICS_TOKEN, 'utf8') : null;
    this.http = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status: latency in seconds; its _count gives the request rate.',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
  }

  /** One answered request. `route` must be the matched route pattern, or `unmatched`. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.http.observe({ method: METHODS.has(method) ? method : 'other', route, status: String(status) }, seconds);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  /**
   * Whether a client may read the metrics (METRICS_ALLOW, METRICS_TOKEN): null when it may, else the refusal. A client
   * outside the allowed addresses gets 401 when a token would open the door (and its token is missing or wrong), 403
   * when no token is configured. `address` is the client's address as the process trusts it (TRUST_PROXY for the API).
   */
  refusal(address: string | undefined, authorization: string | undefined): MetricsRefusal | null {
    const bearer = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
    if (this.token && bearer !== undefined) {
      const given = Buffer.from(bearer, 'utf8');
      if (given.length === this.token.length && timingSafeEqual(given, this.token)) return null;
      return { status: 401, message: 'Jeton des métriques invalide.', details: [{ field: 'authorization', reason: 'is not the metrics token' }] };
    }
    if (this.allow.admits(address)) return null;
    if (this.token) {
      return { status: 401, message: 'Jeton des métriques requis.', details: [{ field: 'authorization', reason: 'must be Bearer <METRICS_TOKEN>' }] };
    }
    return {
      status: 403,
      message: "Les métriques ne sont pas lisibles depuis cette adresse.",
      details: [{ field: 'address', reason: 'is not in METRICS_ALLOW' }],
    };
  }
}
