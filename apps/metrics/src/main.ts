import 'reflect-metadata';
import { runServiceCommand } from '@cocomo/platform';
import { metricsApp } from './metrics.module';
import { rebuildProjections } from './rebuild/rebuild-command';

void runServiceCommand(metricsApp, { rebuild: rebuildProjections });
