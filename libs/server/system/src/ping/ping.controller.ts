import { Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { PingResponse } from '@academie/contracts';
import { Roles } from '@academie/server-identity';
import { PingParamsDto } from './dto/ping-params.dto';
import { PingService } from './ping.service';

@ApiTags('system')
@Roles('admin')
@Controller('system/ping')
export class PingController {
  constructor(private readonly pings: PingService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ description: 'The ping is recorded; the worker handles it through the outbox.' })
  request(): Promise<PingResponse> {
    return this.pings.request();
  }

  @Get(':id')
  @ApiOkResponse({ description: 'The ping and whether the worker has handled it.' })
  @ApiNotFoundResponse()
  get(@Param() params: PingParamsDto): Promise<PingResponse> {
    return this.pings.get(params.id);
  }
}
