import pg from 'pg';
import type { JsonLogger } from '../logging/json-logger';

export interface ChangeListenerOptions {
  /** The database to listen to. */
  url: string;
  /** The NOTIFY channel (a plain identifier: it is written into the LISTEN statement). */
  channel: string;
  /** `application_name` of the listening connection, as pg_stat_activity shows it. */
  applicationName: string;
  logger: JsonLogger;
  /** The log context, and the warning logged when the connection is lost (what the readers do meanwhile). */
  context: string;
  lostMessage: string;
  /**
   * Called on every notice of the channel, and also when listening starts and when the connection is lost: a notice
   * may have been missed in between, so whatever the owner derived from the database is out of date.
   */
  onChange: () => void;
}

/**
 * A dedicated connection LISTENing on one channel, reconnecting on its own (500 ms, doubling up to 30 s) when
 * PostgreSQL ends it. `listening` is true only while notices can arrive: the owners of a cache serve from it only
 * then (the catalogue's answers, the KPI slices), and fall back to reading the database otherwise.
 */
export class ChangeListener {
  private client: pg.Client | undefined;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelayMs = 500;
  listening = false;

  constructor(private readonly options: ChangeListenerOptions) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.channel)) throw new Error(`not a plain channel name: ${options.channel}`);
  }

  /** Connects and LISTENs; resolves once listening or once the first attempt failed (a retry is then scheduled). */
  start(): Promise<void> {
    this.stopped = false;
    return this.listen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.listening = false;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const { url, channel, applicationName, logger, context, lostMessage, onChange } = this.options;
    const client = new pg.Client({ connectionString: url, application_name: applicationName });
    const lost = (reason: string) => {
      if (this.client !== client) return;
      this.client = undefined;
      this.listening = false;
      onChange();
      client.end().catch(() => undefined);
      if (this.stopped) return;
      logger.event('warn', lostMessage, { reason }, context);
      this.retryTimer = setTimeout(() => void this.listen(), this.retryDelayMs);
      this.retryTimer.unref();
      this.retryDelayMs = Math.min(this.retryDelayMs * 2, 30_000);
    };
    client.on('error', (error) => lost(error.message));
    client.on('end', () => lost('connection ended'));
    client.on('notification', (message) => {
      if (message.channel === channel) onChange();
    });
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
      if (this.client !== client || this.stopped) return;
      onChange();
      this.listening = true;
      this.retryDelayMs = 500;
    } catch (error) {
      lost((error as Error).message);
    }
  }
}
