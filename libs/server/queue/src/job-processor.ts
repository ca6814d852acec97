import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobName, JobPayloads } from '@academie/contracts';

export const JOB_PROCESSOR = Symbol('academie:job-processor');

/** Marks a provider as the processor of one job name. The worker refuses to start if a name has none or two. */
export const JobProcessor = (name: JobName) => SetMetadata(JOB_PROCESSOR, name);

export interface JobHandler<N extends JobName = JobName> {
  process(payload: JobPayloads[N], job: Job<JobPayloads[N]>): Promise<unknown>;
}
