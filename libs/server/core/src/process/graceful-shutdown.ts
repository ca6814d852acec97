import type { JsonLogger } from '../logging/json-logger';

/**
 * On SIGTERM or SIGINT: stop taking work, let what runs finish (`close`), then exit 0. A second signal, or
 * a close that takes longer than the grace period, exits at once with status 1.
 */
export function exitGracefullyOn(close: () => Promise<void>, logger: JsonLogger, graceMs = 25_000): void {
  let closing = false;
  const handler = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.event('warn', 'second signal: exiting now', { signal });
      process.exit(1);
    }
    closing = true;
    logger.event('info', 'shutting down', { signal });
    const timer = setTimeout(() => {
      logger.event('error', 'shutdown took too long: exiting', { graceMs });
      process.exit(1);
    }, graceMs);
    timer.unref();
    close().then(
      () => {
        logger.event('info', 'stopped');
        process.exit(0);
      },
      (error: Error) => {
        logger.event('error', 'shutdown failed', { errorMessage: error.message });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
