// The notifications service: email deliveries, templates and the development mailbox (its domain arrives with the notifications issue).
import { Module, type DynamicModule } from '@nestjs/common';
import type { Environment } from '@cocomo/config';
import { PlatformModule, type ServiceDefinition } from '@cocomo/platform';
import { notificationsMigrations } from '../migrations';

export const notificationsDefinition: ServiceDefinition = {
  service: 'notifications',
  apiPrefix: 'api/notifications',
  entities: [],
  migrations: notificationsMigrations,
};

@Module({})
export class NotificationsModule {
  static forRoot(env: Environment): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [PlatformModule.forRoot(notificationsDefinition, env)],
    };
  }
}
