// GET /dashboard: the operators' page of the metrics over time, stuck bookings and failed emails.
import { Controller, Get, Header, Query, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { OperatorGuard } from '@cocomo/platform';
import { timeseriesQuerySchema } from '../api/metrics-query.dto';
import { MetricsService } from '../api/metrics.service';
import { RecordsReader } from '../records/records.reader';
import { dashboardPage } from './dashboard-page';

const FAILED_EMAILS_SHOWN = 50;

class DashboardQueryDto extends createZodDto(timeseriesQuerySchema) {}

const day = (date: Date | undefined) => (date ? date.toISOString().slice(0, 10) : '');

@ApiExcludeController()
@UseGuards(OperatorGuard)
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly records: RecordsReader,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async page(@Query() query: DashboardQueryDto): Promise<string> {
    const [metrics, stuck, failedEmails] = await Promise.all([
      this.metrics.summary(query),
      this.metrics.stuck(),
      this.records.failedEmails(FAILED_EMAILS_SHOWN),
    ]);
    return dashboardPage({
      filters: {
        from: day(query.from),
        to: day(query.to),
        country: query.country ?? '',
        interval: query.interval,
      },
      metrics,
      stuck,
      failedEmails,
    });
  }
}
