// Queue names, job names and the payload of each job. Their values never change once released:
// jobs already in Redis carry them.

export const QUEUES = {
  outbox: 'outbox',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Domain events written to the transactional outbox, with their payloads. */
export interface OutboxEventPayloads {
  'system.ping': { pingId: string };
  /** Send one row of `mail_message` over SMTP (mail context), then mark it sent. */
  'mail.send': { mailMessageId: string };
}
export type OutboxEventType = keyof OutboxEventPayloads;
export const OUTBOX_EVENT_TYPES = ['system.ping', 'mail.send'] as const satisfies readonly OutboxEventType[];

/** Every job the worker runs, by name, with its payload. */
export interface JobPayloads {
  /** Deliver one outbox event to its handler. Job id: `outbox-<eventId>`. */
  'outbox.deliver': { eventId: string };
}
export type JobName = keyof JobPayloads;
export const JOB_NAMES = ['outbox.deliver'] as const satisfies readonly JobName[];

export const JOB_QUEUE: Record<JobName, QueueName> = {
  'outbox.deliver': QUEUES.outbox,
};

/** Deterministic BullMQ job id of an outbox event (BullMQ refuses ids with `:` or plain integers). */
export const outboxJobId = (eventId: string): string => `outbox-${eventId}`;
