import { Controller, Get, Headers, Req, Res } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@academie/server-identity';
import { MetricsService } from './metrics.service';

/**
 * Protected by configuration, not by role (Prometheus has no account): METRICS_ALLOW (client addresses, loopback by
 * default) or `Authorization: Bearer <METRICS_TOKEN>`. Hence @Public for the session guard.
 */
@ApiTags('metrics')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @ApiOkResponse({ description: 'Prometheus text format 0.0.4: request histograms by route template and status, process metrics.' })
  @ApiUnauthorizedResponse({ description: 'Outside METRICS_ALLOW, METRICS_TOKEN set: missing or wrong bearer token.' })
  @ApiForbiddenResponse({ description: 'Outside METRICS_ALLOW, and no METRICS_TOKEN configured.' })
  async scrape(@Req() request: FastifyRequest, @Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const { contentType, body } = await this.metrics.scrape(request.ip, authorization);
    reply.header('content-type', contentType);
    return body;
  }
}
