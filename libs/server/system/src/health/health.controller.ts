import { Controller, Get, HttpCode, HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { HealthLiveResponse, HealthReadyResponse, WorkerHealthResponse } from '@academie/contracts';
import { Public } from '@academie/server-identity';
import { HealthService } from './health.service';

const LABELS = { postgres: 'PostgreSQL', redis: 'Redis' } as const;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOkResponse({ description: 'The process is alive.' })
  live(): HealthLiveResponse {
    return { status: 'ok' };
  }

  @Get('ready')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'PostgreSQL and Redis answer.' })
  @ApiServiceUnavailableResponse({ description: 'A dependency does not answer; `details` names it.' })
  async ready(): Promise<HealthReadyResponse> {
    const checks = await this.health.checks();
    const failing = checks.filter((check) => !check.ok);
    if (failing.length > 0) {
      throw new ServiceUnavailableException({
        message: `Service indisponible : ${failing.map((c) => LABELS[c.name]).join(' et ')} ne répond pas.`,
        details: failing.map((c) => ({ field: c.name, reason: c.error ?? 'unreachable' })),
        status: 'unavailable',
        checks,
      });
    }
    return { status: 'ok', checks };
  }

  @Get('worker')
  @ApiOkResponse({ description: "The worker's last heartbeat is recent." })
  @ApiServiceUnavailableResponse({ description: 'The worker is stale or was never seen.' })
  async worker(): Promise<WorkerHealthResponse> {
    const result = await this.health.worker().catch((error: Error) => {
      throw new ServiceUnavailableException({
        message: 'État du worker inconnu : PostgreSQL ne répond pas.',
        details: [{ field: 'postgres', reason: error.message }],
      });
    });
    if (result.status !== 'ok') {
      throw new ServiceUnavailableException({
        message:
          result.status === 'stale'
            ? `Le worker ne donne plus signe de vie depuis ${result.ageSeconds} s.`
            : "Aucun worker n'a encore donné signe de vie.",
        details: [{ field: 'worker', reason: result.status }],
        ...result,
      });
    }
    return result;
  }
}
