// A worker process that does only what certificate issuance needs, for `npm run bench:certificates`: the built modules
// of the real worker (configuration, database, queues, the outbox relay and delivery processor, the certification
// context's `certification` subscriber), minus the other contexts' subscribers. The events issuance writes (e-mails,
// `certificate.issued` for the KPIs) are acknowledged by no-op subscribers, and other contexts' job names get idle
// processors: handling them is the mail and reporting contexts' work, measured with the whole worker in the same run.
import 'reflect-metadata';
import { join } from 'node:path';
import { root } from '../paths.mjs';

const dist = (path) => import(join(root, 'dist/server', path));
const { Injectable, Module } = await import('@nestjs/common');
const { NestFactory } = await import('@nestjs/core');
const { JOB_NAMES, OUTBOX_EVENT_TYPES } = await dist('libs/shared/contracts/src/index.js');
const { CoreModule, JsonLogger, loadConfigOrExit, exitGracefullyOn } = await dist('libs/server/core/src/index.js');
const { DatabaseModule } = await dist('libs/server/database/src/index.js');
const { OutboxHandler, OutboxModule, OutboxWorkerModule } = await dist('libs/server/outbox/src/index.js');
const { JobProcessor, QueueModule, WorkerHostModule } = await dist('libs/server/queue/src/index.js');
const { CertificationWorkerModule } = await dist('libs/server/certification/src/index.js');

const config = loadConfigOrExit({ secrets: ['CREDENTIAL_SIGNING_KEY'] });
const logger = new JsonLogger('bench-issuance-worker', config.LOG_LEVEL);

const noops = OUTBOX_EVENT_TYPES.filter((type) => type !== 'course.completed').map((type) => {
  const Noop = class {
    async handle() {}
  };
  Object.defineProperty(Noop, 'name', { value: `BenchNoop_${type.replace(/\W/g, '_')}` });
  Injectable()(Noop);
  OutboxHandler(type, `bench-noop-${type}`)(Noop);
  return Noop;
});

// Other contexts' jobs (KPI reconciliation, imports): nothing to do here, but the worker refuses a job name without a processor.
const idleJobs = JOB_NAMES.filter((name) => name !== 'outbox.deliver').map((name) => {
  const Idle = class {
    async process() {}
  };
  Object.defineProperty(Idle, 'name', { value: `BenchIdle_${name.replace(/\W/g, '_')}` });
  Injectable()(Idle);
  JobProcessor(name)(Idle);
  return Idle;
});

class IssuanceWorkerModule {}
Module({
  imports: [
    CoreModule.forRoot(config, logger),
    DatabaseModule.forRoot('academie-bench-issuance'),
    QueueModule,
    OutboxModule,
    OutboxWorkerModule,
    CertificationWorkerModule,
    WorkerHostModule,
  ],
  providers: [...noops, ...idleJobs],
})(IssuanceWorkerModule);

const app = await NestFactory.createApplicationContext(IssuanceWorkerModule, { logger });
exitGracefullyOn(() => app.close(), logger);
await app.init();
logger.event('info', 'worker started', { pid: process.pid });
