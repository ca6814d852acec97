import { Module } from '@nestjs/common';
import { MetricsServer } from './metrics-server';

/** For processes without an HTTP API (the worker): serves the process's metrics on their own port. */
@Module({ providers: [MetricsServer], exports: [MetricsServer] })
export class MetricsServerModule {}
