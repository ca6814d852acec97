import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, JsonLogger } from '@academie/server-core';
import { dataSourceOptions } from './data-source';

/** The one DataSource of a process (api or worker), configured from the validated configuration. */
@Module({})
export class DatabaseModule {
  static forRoot(applicationName: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig, JsonLogger],
          useFactory: (config: AppConfig, logger: JsonLogger) => ({
            ...dataSourceOptions(config, logger, applicationName),
            retryAttempts: 10,
            retryDelay: 2_000,
          }),
        }),
      ],
    };
  }
}
