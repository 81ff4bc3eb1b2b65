// GET /metrics: the Prometheus exposition. It tells queue depths, failed mails and the process's state, so it
// takes the operator token like every operators' surface: Prometheus sends it as a bearer token.
import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { OperatorGuard } from '@cocomo/platform';
import { MetricsService } from '../api/metrics.service';
import { RecordsReader } from '../records/records.reader';
import { WatchedQueues } from '../queues/watched-queues';
import { SeedGauges } from './seed-gauges';

@ApiExcludeController()
@UseGuards(OperatorGuard)
@Controller('metrics')
export class PrometheusController {
  private readonly gauges = new SeedGauges();

  constructor(
    private readonly metrics: MetricsService,
    private readonly records: RecordsReader,
    private readonly queues: WatchedQueues,
  ) {}

  @Get()
  async exposition(@Res() response: Response): Promise<void> {
    const [metrics, stuck, failedEmails, queues] = await Promise.all([
      this.metrics.summary({}),
      this.metrics.stuck(),
      this.records.failedEmailCount(),
      this.queues.counts(),
    ]);
    this.gauges.observe({ metrics, stuck, failedEmails, queues });
    response.type(this.gauges.registry.contentType).send(await this.gauges.registry.metrics());
  }
}
