import { Controller, Get, Headers, Injectable, type NestMiddleware, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { XAPI_VERSION, type XapiStatement, type XapiStatementResult } from '@academie/contracts';
import { Roles } from '@academie/server-identity';
import { LearningError } from '../learning.errors';
import { StatementsQueryDto } from './dto/statements-query.dto';
import { XapiService } from './xapi.service';

/** Every answer of the xAPI resource carries the version, refusals included (set before the guard runs). */
@Injectable()
export class XapiVersionHeader implements NestMiddleware {
  use(_request: unknown, response: { setHeader(name: string, value: string): void }, next: () => void): void {
    response.setHeader('X-Experience-API-Version', XAPI_VERSION);
    next();
  }
}

/** A request's X-Experience-API-Version, when given, must be 2.0.x. */
export function checkXapiVersion(version: string | undefined): void {
  if (version !== undefined && !/^2\.0(\.\d+)?$/.test(version.trim())) {
    throw LearningError.UnsupportedXapiVersion([{ field: 'X-Experience-API-Version', reason: 'must be 2.0.0' }]);
  }
}

@ApiTags('learning records (xAPI)')
@Controller('xapi')
export class XapiController {
  constructor(private readonly xapi: XapiService) {}

  @Get('statements')
  @Roles('admin')
  @ApiHeader({ name: 'X-Experience-API-Version', required: false, description: '2.0.0 (any 2.0.x) when given.' })
  @ApiOkResponse({ description: 'A StatementResult (statements and `more`), or one Statement with statementId; headers X-Experience-API-Version and X-Experience-API-Consistent-Through.' })
  @ApiBadRequestResponse({ description: 'A filter is invalid, or an unsupported X-Experience-API-Version.' })
  @ApiNotFoundResponse({ description: 'No statement with this statementId (and never any voided one).' })
  async statements(
    @Query() query: StatementsQueryDto,
    @Headers('x-experience-api-version') version: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<XapiStatement | XapiStatementResult> {
    checkXapiVersion(version);
    const { body, consistentThrough } = await this.xapi.statements(query);
    reply.header('X-Experience-API-Consistent-Through', consistentThrough.toISOString());
    return body;
  }
}
