// The metrics service: projections of every domain event and the operators' dashboards (its domain arrives with the metrics issue).
import { Module, type DynamicModule } from '@nestjs/common';
import type { Environment } from '@cocomo/config';
import { PlatformModule, type ServiceDefinition } from '@cocomo/platform';
import { metricsMigrations } from '../migrations';

export const metricsDefinition: ServiceDefinition = {
  service: 'metrics',
  entities: [],
  migrations: metricsMigrations,
};

@Module({})
export class MetricsModule {
  static forRoot(env: Environment): DynamicModule {
    return {
      module: MetricsModule,
      imports: [PlatformModule.forRoot(metricsDefinition, env)],
    };
  }
}
