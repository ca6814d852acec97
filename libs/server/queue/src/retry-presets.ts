import type { JobsOptions } from 'bullmq';

/** Named retry presets with exponential backoff. A job that exhausts them stays in the failed set, visible and retryable. */
export const RETRY_PRESETS = {
  none: { attempts: 1 },
  few: { attempts: 3, backoff: { type: 'exponential', delay: 1_000 } },
  standard: { attempts: 8, backoff: { type: 'exponential', delay: 2_000 } },
} as const satisfies Record<string, Pick<JobsOptions, 'attempts' | 'backoff'>>;

export type RetryPreset = keyof typeof RETRY_PRESETS;
