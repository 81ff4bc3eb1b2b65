import 'reflect-metadata';
import { runServiceCommand } from '@cocomo/platform';
import { notificationsDefinition, NotificationsModule } from './notifications.module';

void runServiceCommand({
  ...notificationsDefinition,
  module: (env) => NotificationsModule.forRoot(env),
  concurrency: 32,
});
