import 'reflect-metadata';
import { JsonLogger, exitGracefullyOn, loadConfigOrExit } from '@academie/server-core';
import { createApiApp } from './bootstrap';

const config = loadConfigOrExit({ secrets: ['AUTH_JWT_SECRET', 'CREDENTIAL_SIGNING_KEY'] });
const logger = new JsonLogger('api', config.LOG_LEVEL);
process.on('unhandledRejection', (reason) =>
  logger.event('error', 'unhandled rejection', { errorMessage: String((reason as Error)?.message ?? reason) }),
);

const app = await createApiApp(config, logger);
exitGracefullyOn(() => app.close(), logger);
await app.listen({ port: config.API_PORT, host: config.API_HOST });
logger.event('info', 'api listening', { url: `http://${config.API_HOST}:${config.API_PORT}/api` });
