import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { HeartbeatService } from './heartbeat/heartbeat.service';
import { PingController } from './ping/ping.controller';
import { Ping } from './ping/ping.entity';
import { PingHandler } from './ping/ping.handler';
import { PingService } from './ping/ping.service';

/** API side: health checks and the ping round trip. */
@Module({
  imports: [TypeOrmModule.forFeature([Ping])],
  controllers: [HealthController, PingController],
  providers: [HealthService, PingService],
})
export class SystemApiModule {}

/** Worker side: heartbeat and the ping handler. */
@Module({ providers: [HeartbeatService, PingHandler] })
export class SystemWorkerModule {}
