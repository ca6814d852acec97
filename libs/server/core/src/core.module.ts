import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { JsonLogger } from './logging/json-logger';
import { MetricsRegistry } from './metrics/metrics-registry';

/** Makes the validated configuration, the logger and the process's metrics registry injectable everywhere. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, logger: JsonLogger): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: JsonLogger, useValue: logger },
        MetricsRegistry,
      ],
      exports: [AppConfig, JsonLogger, MetricsRegistry],
    };
  }
}
