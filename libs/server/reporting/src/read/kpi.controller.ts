import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type {
  KpiBreakdownResponse,
  KpiOverviewResponse,
  KpiTimeseriesResponse,
} from '@academie/contracts';
import { Roles } from '@academie/server-identity';
import { KpiBreakdownQueryDto, KpiRangeQueryDto, KpiTimeseriesQueryDto } from './dto/kpi-query.dto';
import { KpiCache } from './kpi-cache';
import { toCsv } from './kpi-csv';
import { KpiReadService } from './kpi-read.service';

const LICENCE_LINK = '<https://www.etalab.gouv.fr/licence-ouverte-open-licence/>; rel="license"; title="Licence Ouverte 2.0"';

/** The plan's KPIs for the ministry (docs/kpi-api.md). Read from the rollups only; small counts hidden. */
@ApiTags('kpi')
@Roles('ministry', 'admin')
@ApiBadRequestResponse({ description: 'A query parameter is invalid: `details` names it.' })
@Controller('kpi')
export class KpiController {
  constructor(
    private readonly kpis: KpiReadService,
    private readonly cache: KpiCache,
  ) {}

  @Get('overview')
  @ApiOkResponse({ description: '`KpiOverviewResponse`' })
  overview(): Promise<KpiOverviewResponse> {
    return this.cache.get('overview', () => this.kpis.overview());
  }

  @Get('breakdown')
  @ApiOkResponse({ description: '`KpiBreakdownResponse`' })
  breakdown(@Query() query: KpiBreakdownQueryDto): Promise<KpiBreakdownResponse> {
    const { by, from, to, ...filters } = query;
    return this.cache.get(`breakdown ${JSON.stringify([by, from, to, filters])}`, () => this.kpis.breakdown(by, filters, { from, to }));
  }

  @Get('timeseries')
  @ApiOkResponse({ description: '`KpiTimeseriesResponse`' })
  timeseries(@Query() query: KpiTimeseriesQueryDto): Promise<KpiTimeseriesResponse> {
    const { interval: _interval, from, to, ...filters } = query;
    return this.cache.get(`timeseries ${JSON.stringify([from, to, filters])}`, () => this.kpis.timeseries(filters, { from, to }));
  }

  /** `KpiExportResponse`, kept serialized: the whole export is a large document, sent as is while it is current. */
  @Get('export.json')
  @Header('content-type', 'application/json; charset=utf-8')
  @Header('link', LICENCE_LINK)
  @ApiOkResponse({ description: '`KpiExportResponse`, Licence Ouverte 2.0' })
  exportJson(@Query() query: KpiRangeQueryDto): Promise<string> {
    return this.cache.get(`export ${JSON.stringify([query.from, query.to])}`, async () => JSON.stringify(await this.kpis.exportAll(query)));
  }

  @Get('export.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="academie-ia-indicateurs.csv"')
  @Header('link', LICENCE_LINK)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, UTF-8 with BOM, Licence Ouverte 2.0 (columns: docs/kpi-api.md)' })
  async exportCsv(@Query() query: KpiRangeQueryDto): Promise<string> {
    return this.cache.get(`csv ${JSON.stringify([query.from, query.to])}`, async () => toCsv(await this.kpis.exportAll(query)));
  }
}
