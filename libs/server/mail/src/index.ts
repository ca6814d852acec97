export * from './mail-message.entity';
export * from './mail.service';
export * from './mail.module';
export * from './mail-transport';
export * from './templates/mail-templates';
export { MailSendHandler } from './mail-send.handler';
