import { Module } from '@nestjs/common';
import { MailSendHandler } from './mail-send.handler';
import { MailTransport } from './mail-transport';
import { MailService } from './mail.service';

/** Queueing e-mails: for any process that changes data (the API). */
@Module({ providers: [MailService], exports: [MailService] })
export class MailModule {}

/** Sending them: for the worker. */
@Module({ providers: [MailTransport, MailSendHandler] })
export class MailWorkerModule {}
