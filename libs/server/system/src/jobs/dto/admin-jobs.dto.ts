import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { QUEUES, type QueueName } from '@academie/contracts';

export class FailedJobsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50, description: 'At most this many jobs per queue, and deliveries.' })
  @IsOptional()
  @Type(() => Number)
  @Max(200)
  @Min(1)
  @IsInt({ message: 'must be an integer' })
  limit?: number;
}

export class JobParamsDto {
  @ApiProperty({ enum: Object.values(QUEUES) })
  @IsIn(Object.values(QUEUES), { message: `must be one of ${Object.values(QUEUES).join(', ')}` })
  queue!: QueueName;

  @ApiProperty({ example: 'outbox-42' })
  // The ids the queue registry accepts: never `:`, never a plain integer.
  @Matches(/^(?!\d+$)[A-Za-z0-9._-]{1,200}$/, { message: 'must be a job id such as outbox-42' })
  jobId!: string;
}
