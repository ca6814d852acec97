import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { JsonLogger, exitGracefullyOn, loadConfigOrExit } from '@academie/server-core';
import { WorkerModule } from './worker.module';

const config = loadConfigOrExit({ secrets: ['CREDENTIAL_SIGNING_KEY'] });
const logger = new JsonLogger('worker', config.LOG_LEVEL);
process.on('unhandledRejection', (reason) =>
  logger.event('error', 'unhandled rejection', { errorMessage: String((reason as Error)?.message ?? reason) }),
);

const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger), { logger });
exitGracefullyOn(() => app.close(), logger);
await app.init();
logger.event('info', 'worker started', { pid: process.pid });
