import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { JobPayloads } from '@academie/contracts';
import { AppConfig, JsonLogger } from '@academie/server-core';
import { MailService } from '@academie/server-mail';
import { type JobHandler, JobProcessor, JobSchedules } from '@academie/server-queue';
import { type ReminderRun, reminderSteps, sendDueReminders } from './due-reminders';

export const ORG_REMINDERS_SCHEDULE_ID = 'organisation-reminders-daily';

/**
 * `organisation.reminders`: the due-date reminders of the organisations' assignments (due-reminders.ts). The daily
 * schedule (ORG_REMINDER_CRON, Paris time) is kept declared by `JobSchedules`. A
 * run is safe to repeat: what was sent is recorded under a unique key, in the transaction that queues the e-mail.
 */
@Injectable()
@JobProcessor('organisation.reminders')
export class OrganisationRemindersProcessor implements JobHandler<'organisation.reminders'>, OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly schedules: JobSchedules,
    private readonly config: AppConfig,
    private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.schedules.declare({ id: ORG_REMINDERS_SCHEDULE_ID, name: 'organisation.reminders', pattern: this.config.ORG_REMINDER_CRON, data: { trigger: 'daily' } });
  }

  async process(payload: JobPayloads['organisation.reminders']): Promise<ReminderRun> {
    const today = typeof payload?.today === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(payload.today) ? payload.today : undefined;
    const run = await sendDueReminders(this.dataSource, this.mail, { steps: reminderSteps(this.config.ORG_REMINDER_DAYS), today });
    // Counts only: no address, no name.
    this.logger.event('info', 'organisation reminders', { ...run }, 'organisation');
    return run;
  }
}
