import 'reflect-metadata';
import { runServiceCommand } from '@cocomo/platform';
import { metricsDefinition, MetricsModule } from './metrics.module';

void runServiceCommand({ ...metricsDefinition, module: (env) => MetricsModule.forRoot(env) });
