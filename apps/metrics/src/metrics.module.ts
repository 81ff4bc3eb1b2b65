// The metrics service: the log of every domain event, the records folded from it, the seed's metrics computed
// from them (public API and Prometheus), and the operators' dashboard and queue board.
import { Module, type DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Environment } from '@cocomo/config';
import { ActionRecord, PlatformModule, type ServiceApp, type ServiceDefinition } from '@cocomo/platform';
import { serveSite, WebModule } from '@cocomo/web';
import { metricsSite } from './metrics-site';
import { MetricsController } from './api/metrics.controller';
import { MetricsService } from './api/metrics.service';
import { DashboardController } from './dashboard/dashboard.controller';
import { EventLog } from './event-log/event-log';
import { EventLogController } from './event-log/event-log.controller';
import { RecordedEvent } from './event-log/recorded-event.entity';
import { mountQueueBoard } from './queues/queue-board';
import { WATCHED_QUEUE_NAMES } from './queues/watched-queues';
import { SeedSignals } from './prometheus/seed-signals';
import { Projector } from './records/projector.service';
import { MetricsPersonalDataHandler } from './personal-data/personal-data.handler';
import { RecordsReader } from './records/records.reader';

export const metricsDefinition: ServiceDefinition = {
  service: 'metrics',
  apiPrefix: 'api/metrics',
  entities: [RecordedEvent],
  migrations: () => import('../migrations').then((loaded) => loaded.metricsMigrations),
  latestMigration: 'Migration20261220000000_projections',
  // Every queue, as the queue board shows them.
  queues: WATCHED_QUEUE_NAMES,
};

@Module({})
export class MetricsModule {
  static forRoot(env: Environment): DynamicModule {
    return {
      module: MetricsModule,
      imports: [PlatformModule.forRoot(metricsDefinition, env), WebModule.forSite(metricsSite)],
      controllers: [EventLogController, MetricsController, DashboardController, MetricsPersonalDataHandler],
      providers: [EventLog, Projector, RecordsReader, MetricsService, SeedSignals, ActionRecord],
    };
  }
}

/** The service as it runs: the module, the dashboard's files and the queue board. */
export const metricsApp: ServiceApp = {
  ...metricsDefinition,
  module: (env) => MetricsModule.forRoot(env),
  configure: (app: NestExpressApplication, env: Environment) => {
    serveSite(app, metricsSite);
    mountQueueBoard(app, env);
  },
};
