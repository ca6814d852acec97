import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { JsonLogger } from './logging/json-logger';

/** Makes the validated configuration and the logger injectable everywhere. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, logger: JsonLogger): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: JsonLogger, useValue: logger },
      ],
      exports: [AppConfig, JsonLogger],
    };
  }
}
