import { Injectable } from '@nestjs/common';
import { DomainError, MetricsRegistry } from '@academie/server-core';

/** `/api/metrics`: the API process's Prometheus text, for the clients METRICS_ALLOW or METRICS_TOKEN let in. */
@Injectable()
export class MetricsService {
  constructor(private readonly metrics: MetricsRegistry) {}

  /** The metrics text, or a 401/403 in the error format. `ip` is the client's address as TRUST_PROXY resolves it. */
  async scrape(ip: string, authorization: string | undefined): Promise<{ contentType: string; body: string }> {
    const refusal = this.metrics.refusal(ip, authorization);
    if (refusal) {
      const error = new DomainError(refusal.status === 401 ? 'MetricsUnauthorized' : 'MetricsForbidden', refusal.status, refusal.message, refusal.details);
      throw refusal.status === 401 ? error.withHeaders({ 'www-authenticate': 'Bearer realm="metrics"' }) : error;
    }
    return { contentType: this.metrics.contentType, body: await this.metrics.metrics() };
  }
}
