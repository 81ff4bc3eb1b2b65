// The metrics service: the log of every domain event, from which the seed's metrics are computed, and the
// operators' dashboards (the projections and pages arrive with the metrics issue).
import { Module, type DynamicModule } from '@nestjs/common';
import type { Environment } from '@cocomo/config';
import { PlatformModule, type ServiceDefinition } from '@cocomo/platform';
import { metricsMigrations } from '../migrations';
import { EventLogController } from './event-log/event-log.controller';
import { RecordedEvent } from './event-log/recorded-event.entity';

export const metricsDefinition: ServiceDefinition = {
  service: 'metrics',
  apiPrefix: 'api/metrics',
  entities: [RecordedEvent],
  migrations: metricsMigrations,
};

@Module({})
export class MetricsModule {
  static forRoot(env: Environment): DynamicModule {
    return {
      module: MetricsModule,
      imports: [PlatformModule.forRoot(metricsDefinition, env)],
      controllers: [EventLogController],
    };
  }
}
