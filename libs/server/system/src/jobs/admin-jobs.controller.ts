import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { DiscardJobResponse, FailedJobsResponse, OutboxLag, RetryJobResponse } from '@academie/contracts';
import { type AuthenticatedUser, CurrentUser, Roles } from '@academie/server-identity';
import { AdminJobsService } from './admin-jobs.service';
import { FailedJobsQueryDto, JobParamsDto } from './dto/admin-jobs.dto';

@ApiTags('admin')
@Roles('admin')
@ApiServiceUnavailableResponse({ description: 'Redis does not answer.' })
@Controller('admin/jobs')
export class AdminJobsController {
  constructor(private readonly jobs: AdminJobsService) {}

  @Get('failed')
  @ApiOkResponse({ description: '`FailedJobsResponse`: failed jobs of every queue and failed outbox deliveries, with their errors.' })
  failed(@Query() query: FailedJobsQueryDto): Promise<FailedJobsResponse> {
    return this.jobs.failed(query.limit);
  }

  @Post(':queue/:jobId/retry')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: '`RetryJobResponse`: waiting again, attempts counted anew; audited (`job.retried`).' })
  @ApiNotFoundResponse({ description: 'No such job in this queue.' })
  @ApiConflictResponse({ description: 'The job is not in the failed state.' })
  retry(@CurrentUser() actor: AuthenticatedUser, @Param() params: JobParamsDto): Promise<RetryJobResponse> {
    return this.jobs.retry(actor, params.queue, params.jobId);
  }

  @Post(':queue/:jobId/discard')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    description:
      '`DiscardJobResponse`: the failed job is removed; for an outbox job its event is closed without the undelivered subscribers; audited (`job.discarded`).',
  })
  @ApiNotFoundResponse({ description: 'No such job in this queue.' })
  @ApiConflictResponse({ description: 'The job is not in the failed state.' })
  discard(@CurrentUser() actor: AuthenticatedUser, @Param() params: JobParamsDto): Promise<DiscardJobResponse> {
    return this.jobs.discard(actor, params.queue, params.jobId);
  }
}

@ApiTags('admin')
@Roles('admin')
@Controller('admin/outbox')
export class AdminOutboxController {
  constructor(private readonly jobs: AdminJobsService) {}

  @Get()
  @ApiOkResponse({ description: '`OutboxLag`: open events (count, age of the oldest, by type), failed deliveries by subscriber, queue depths.' })
  lag(): Promise<OutboxLag> {
    return this.jobs.outboxLag();
  }
}
