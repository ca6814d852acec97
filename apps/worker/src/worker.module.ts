import { type DynamicModule, Module } from '@nestjs/common';
import { CertificationWorkerModule } from '@academie/server-certification';
import { type AppConfig, CoreModule, type JsonLogger, MetricsServerModule } from '@academie/server-core';
import { DatabaseModule } from '@academie/server-database';
import { LearningWorkerModule } from '@academie/server-learning';
import { MailWorkerModule } from '@academie/server-mail';
import { OrganisationWorkerModule } from '@academie/server-organisation';
import { OutboxModule, OutboxWorkerModule } from '@academie/server-outbox';
import { QueueModule, WorkerHostModule } from '@academie/server-queue';
import { ReportingWorkerModule } from '@academie/server-reporting';
import { SystemWorkerModule } from '@academie/server-system';

/** The worker: no HTTP server; the job processors and outbox handlers of the contexts. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, logger: JsonLogger): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(config, logger),
        DatabaseModule.forRoot('academie-worker'),
        QueueModule,
        OutboxModule,
        OutboxWorkerModule,
        SystemWorkerModule,
        MailWorkerModule,
        LearningWorkerModule,
        CertificationWorkerModule,
        ReportingWorkerModule,
        OrganisationWorkerModule,
        WorkerHostModule,
        MetricsServerModule,
      ],
    };
  }
}
