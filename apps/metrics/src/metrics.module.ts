// The metrics service: the log of every domain event, the records folded from it, the seed's metrics computed
// from them (public API and Prometheus), and the operators' dashboard and queue board.
import { Module, type DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Environment } from '@cocomo/config';
import { PlatformModule, type ServiceApp, type ServiceDefinition } from '@cocomo/platform';
import { MetricsController } from './api/metrics.controller';
import { MetricsService } from './api/metrics.service';
import { serveDashboardAssets } from './dashboard/dashboard-assets';
import { DashboardController } from './dashboard/dashboard.controller';
import { EventLogController } from './event-log/event-log.controller';
import { RecordedEvent } from './event-log/recorded-event.entity';
import { PrometheusController } from './prometheus/prometheus.controller';
import { mountQueueBoard } from './queues/queue-board';
import { WatchedQueues } from './queues/watched-queues';
import { Projector } from './records/projector.service';
import { RecordsReader } from './records/records.reader';

export const metricsDefinition: ServiceDefinition = {
  service: 'metrics',
  apiPrefix: 'api/metrics',
  entities: [RecordedEvent],
  migrations: () => import('../migrations').then((loaded) => loaded.metricsMigrations),
};

@Module({})
export class MetricsModule {
  static forRoot(env: Environment): DynamicModule {
    return {
      module: MetricsModule,
      imports: [PlatformModule.forRoot(metricsDefinition, env)],
      controllers: [EventLogController, MetricsController, PrometheusController, DashboardController],
      providers: [Projector, RecordsReader, MetricsService, WatchedQueues],
    };
  }
}

/** The service as it runs: the module, the dashboard's files and the queue board. */
export const metricsApp: ServiceApp = {
  ...metricsDefinition,
  module: (env) => MetricsModule.forRoot(env),
  configure: (app: NestExpressApplication, env: Environment) => {
    serveDashboardAssets(app);
    mountQueueBoard(app, env);
  },
};
