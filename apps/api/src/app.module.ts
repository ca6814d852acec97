import { type DynamicModule, Module } from '@nestjs/common';
import { CatalogModule } from '@academie/server-catalog';
import { CertificationModule } from '@academie/server-certification';
import { type AppConfig, CoreModule, type JsonLogger } from '@academie/server-core';
import { DatabaseModule } from '@academie/server-database';
import { IdentityModule } from '@academie/server-identity';
import { LearningModule } from '@academie/server-learning';
import { OrganisationModule } from '@academie/server-organisation';
import { OutboxModule } from '@academie/server-outbox';
import { RequestRedisModule } from '@academie/server-queue';
import { ReportingModule } from '@academie/server-reporting';
import { SystemApiModule } from '@academie/server-system';

/** The HTTP API: the module list and nothing else. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: JsonLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, logger),
        DatabaseModule.forRoot('academie-api'),
        RequestRedisModule,
        OutboxModule,
        IdentityModule,
        SystemApiModule,
        CatalogModule,
        LearningModule,
        CertificationModule,
        ReportingModule,
        OrganisationModule,
      ],
    };
  }
}
