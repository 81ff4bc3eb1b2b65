// GET /api/metrics (the seed's metrics), /api/metrics/timeseries and its CSV export: public, as the seed's
// experiment is answered in the open.
import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { seriesCsv } from '../projections/timeseries';
import { MetricsQueryDto, TimeseriesQueryDto } from './metrics-query.dto';
import { MetricsService } from './metrics.service';

@ApiTags('metrics')
@Controller('api/metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** The seed's metrics for `from` (inclusive) to `to` (exclusive, now by default), in one country or all. */
  @Get()
  summary(@Query() query: MetricsQueryDto) {
    return this.metrics.summary(query);
  }

  /** Each metric named in `metric` (all without it) per week or month. */
  @Get('timeseries')
  series(@Query() query: TimeseriesQueryDto) {
    return this.metrics.series(query);
  }

  @Get('timeseries.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="cocomo-metrics.csv"')
  async csv(@Query() query: TimeseriesQueryDto): Promise<string> {
    return seriesCsv((await this.metrics.series(query)).series);
  }
}
