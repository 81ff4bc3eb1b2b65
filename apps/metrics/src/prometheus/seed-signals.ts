// Puts the seed gauges in the service's registry, read from the records at each scrape of /metrics.
import { Injectable } from '@nestjs/common';
import { Registry } from 'prom-client';
import { MetricsService } from '../api/metrics.service';
import { RecordsReader } from '../records/records.reader';
import { registerSeedGauges } from './seed-gauges';

@Injectable()
export class SeedSignals {
  constructor(registry: Registry, metrics: MetricsService, records: RecordsReader) {
    registerSeedGauges(registry, async () => {
      const [summary, stuck, failedEmails] = await Promise.all([
        metrics.summary({}),
        metrics.stuck(),
        records.failedEmailCount(),
      ]);
      return { metrics: summary, stuck, failedEmails };
    });
  }
}
