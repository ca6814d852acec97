import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { AppConfig, JsonLogger } from '@academie/server-core';
import {
  Course,
  CourseAuthor,
  CourseLesson,
  CourseModule,
  CourseReview,
  CourseVersion,
  SearchSynonym,
  Solution,
} from '@academie/server-catalog';
import { Certificate, Notification } from '@academie/server-certification';
import { AuditLog, RefreshToken, SessionFamily, SsoIdentity, User, UserRole, UserToken } from '@academie/server-identity';
import {
  CourseCompletion,
  Enrollment,
  LearnerPseudonym,
  LearningActivityDaily,
  LearningLesson,
  LearningVersion,
  LessonProgress,
  ProgressEvent,
  QuizAttempt,
} from '@academie/server-learning';
import { MailMessage } from '@academie/server-mail';
import { OutboxDelivery, OutboxEvent } from '@academie/server-outbox';
import { Ping, WorkerHeartbeat } from '@academie/server-system';
import { Foundation1795593600000 } from './migrations/1795593600000-Foundation';
import { Accounts1795597200000 } from './migrations/1795597200000-Accounts';
import { CatalogueContent1795600800000 } from './migrations/1795600800000-CatalogueContent';
import { OutboxDeliveries1795604400000 } from './migrations/1795604400000-OutboxDeliveries';
import { Learning1795608000000 } from './migrations/1795608000000-Learning';
import { Certificates1795611600000 } from './migrations/1795611600000-Certificates';
import { Kpi1795615200000 } from './migrations/1795615200000-Kpi';
import { Organisations1795618800000 } from './migrations/1795618800000-Organisations';
import { OrganisationReminders1795700000000 } from './migrations/1795700000000-OrganisationReminders';
import { RetentionIndexes1795900000000 } from './migrations/1795900000000-RetentionIndexes';
import { KpiChangeNotice1796000000000 } from './migrations/1796000000000-KpiChangeNotice';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** Every entity of every context: the one schema shared by api and worker. */
export const ENTITIES = [
  OutboxEvent,
  OutboxDelivery,
  Ping,
  WorkerHeartbeat,
  User,
  UserRole,
  UserToken,
  SessionFamily,
  RefreshToken,
  SsoIdentity,
  AuditLog,
  MailMessage,
  Course,
  CourseVersion,
  CourseModule,
  CourseLesson,
  CourseAuthor,
  CourseReview,
  Solution,
  SearchSynonym,
  LearnerPseudonym,
  LearningVersion,
  LearningLesson,
  Enrollment,
  LessonProgress,
  ProgressEvent,
  QuizAttempt,
  CourseCompletion,
  LearningActivityDaily,
  Certificate,
  Notification,
];

/** Migrations in order. Schema changes only through these; `synchronize` is never on. */
export const MIGRATIONS = [
  Foundation1795593600000,
  Accounts1795597200000,
  CatalogueContent1795600800000,
  OutboxDeliveries1795604400000,
  Learning1795608000000,
  Certificates1795611600000,
  Kpi1795615200000,
  Organisations1795618800000,
  OrganisationReminders1795700000000,
  RetentionIndexes1795900000000,
  KpiChangeNotice1796000000000,
];

export function dataSourceOptions(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>,
  logger?: JsonLogger,
  applicationName = 'academie',
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName,
    extra: {
      Client: clientLoggingItsErrors(logger),
      max: config.DATABASE_POOL_SIZE,
      connectionTimeoutMillis: 5_000,
      statement_timeout: 30_000,
      idle_in_transaction_session_timeout: 60_000,
    },
    // The pool re-emits the error of an idle client; each client already logged it (see clientLoggingItsErrors).
    poolErrorHandler: () => undefined,
  };
}

/**
 * The pool's client class, with an 'error' listener of its own for its whole life. pg emits 'error' on a client whose
 * connection dies between queries; the pool listens only while the client is idle, and TypeORM not at all while a
 * query runner holds it (between two statements of a transaction, say). Without this listener, PostgreSQL terminating
 * a checked-out connection (restart, failover, `pg_terminate_backend`) would crash the process with an unhandled
 * 'error' event. With it the error is logged, the holder's next statement fails and the pool discards the client.
 */
function clientLoggingItsErrors(logger?: JsonLogger): typeof pg.Client {
  return class ClientLoggingItsErrors extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      this.on('error', (err: Error) => logger?.event('warn', 'postgres client connection error', { errorMessage: err.message }, 'database'));
    }
  };
}

export function createDataSource(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>,
  logger?: JsonLogger,
  applicationName?: string,
): DataSource {
  return new DataSource(dataSourceOptions(config, logger, applicationName));
}
