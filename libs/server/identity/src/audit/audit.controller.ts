import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuditLogList } from '@academie/contracts';
import { Roles } from '../session/auth.decorators';
import { AuditService } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOkResponse({ description: '`{ items: AuditLogEntry[], nextCursor }`, newest first.' })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid; `details` names it.' })
  list(@Query() query: AuditQueryDto): Promise<AuditLogList> {
    return this.audit.list(query);
  }
}
