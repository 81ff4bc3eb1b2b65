// GET /dashboard: the operators' page of the metrics over time, stuck bookings and failed emails.
import { Controller, Get, Header, Query, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { OperatorGuard } from '@cocomo/platform';
import { PageRenderer } from '@cocomo/web';
import { timeseriesQuerySchema } from '../api/metrics-query.dto';
import { MetricsService } from '../api/metrics.service';
import { RecordsReader } from '../records/records.reader';

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
    private readonly pages: PageRenderer,
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
    const filters = {
      from: day(query.from),
      to: day(query.to),
      country: query.country ?? '',
      interval: query.interval,
    };
    return this.pages.render('dashboard', {
      filters,
      csvQuery: csvQuery(filters),
      m: metrics,
      moneySaved: Object.entries(metrics.moneySaved.byCurrency).map(([currency, { saved }]) => ({
        currency,
        saved,
      })),
      stuck,
      failedEmails,
    });
  }
}

function csvQuery(filters: { from: string; to: string; country: string; interval: string }): string {
  const query = new URLSearchParams({ interval: filters.interval });
  if (filters.from) query.set('from', filters.from);
  if (filters.to) query.set('to', filters.to);
  if (filters.country) query.set('country', filters.country);
  return query.toString();
}
