import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { HeartbeatService } from './heartbeat/heartbeat.service';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { AdminJobsController, AdminOutboxController } from './jobs/admin-jobs.controller';
import { AdminJobsService } from './jobs/admin-jobs.service';
import { PingController } from './ping/ping.controller';
import { Ping } from './ping/ping.entity';
import { PingHandler } from './ping/ping.handler';
import { PingService } from './ping/ping.service';
import { RetentionProcessor } from './retention/retention.processor';
import { RetentionService } from './retention/retention.service';

/** API side: health checks, the ping round trip, failed jobs and the outbox lag for administrators. */
@Module({
  imports: [TypeOrmModule.forFeature([Ping])],
  controllers: [HealthController, MetricsController, PingController, AdminJobsController, AdminOutboxController],
  providers: [HealthService, MetricsService, PingService, AdminJobsService],
})
export class SystemApiModule {}

/** Worker side: heartbeat, the ping handler and the nightly retention purge. */
@Module({ providers: [HeartbeatService, PingHandler, RetentionService, RetentionProcessor] })
export class SystemWorkerModule {}
