// GET /api/metrics (the seed's metrics), /api/metrics/timeseries and its CSV export: public, as the seed's
// experiment is answered in the open.
import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiProblems, ApiTextAnswer } from '@cocomo/platform';
import { seriesCsv } from '../projections/timeseries';
import {
  SeedMetricsDto,
  TimeseriesDto,
  type SeedMetricsAnswer,
  type TimeseriesAnswer,
} from './metrics-answer.dto';
import { MetricsQueryDto, TimeseriesQueryDto } from './metrics-query.dto';
import { MetricsService } from './metrics.service';

@ApiTags('metrics')
@Controller('api/metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** The seed's metrics for `from` (inclusive) to `to` (exclusive, now by default), in one country or all. */
  @Get()
  @ApiAnswer(SeedMetricsDto)
  @ApiProblems(400)
  summary(@Query() query: MetricsQueryDto): Promise<SeedMetricsAnswer> {
    return this.metrics.summary(query);
  }

  /** Each metric named in `metric` (all without it) per week or month. */
  @Get('timeseries')
  @ApiAnswer(TimeseriesDto)
  @ApiProblems(400)
  series(@Query() query: TimeseriesQueryDto): Promise<TimeseriesAnswer> {
    return this.metrics.series(query);
  }

  @Get('timeseries.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="cocomo-metrics.csv"')
  @ApiTextAnswer('text/csv', 'The series as CSV: from, to and one column per metric')
  @ApiProblems(400)
  async csv(@Query() query: TimeseriesQueryDto): Promise<string> {
    return seriesCsv((await this.metrics.series(query)).series);
  }
}
