// The notifications service: renders the mails other services ask for, sends each exactly once with retries,
// shows operators what failed, and without SMTP keeps every mail in the development mailbox.
import { Module, type DynamicModule } from '@nestjs/common';
import type { Environment } from '@cocomo/config';
import { PlatformModule, type ServiceDefinition } from '@cocomo/platform';
import { DeliveriesController } from './api/deliveries.controller';
import { Deliveries } from './delivery/deliveries.service';
import { Delivery } from './delivery/delivery.entity';
import { DeliveryQueue } from './delivery/delivery-queue';
import { DeliverySweeper } from './delivery/delivery-sweeper';
import { DeliveryWorker } from './delivery/delivery-worker';
import { MailSender, mailSenderFor } from './delivery/mail-sender';
import { NotifyEmailHandler } from './delivery/notify-email.handler';
import { MailboxController } from './mailbox/mailbox.controller';
import { MailRenderer } from './templates/mail-renderer';
import { findTemplatesFolder } from './templates/templates-folder';

export const notificationsDefinition: ServiceDefinition = {
  service: 'notifications',
  apiPrefix: 'api/notifications',
  entities: [Delivery],
  migrations: () => import('../migrations').then((loaded) => loaded.notificationsMigrations),
};

@Module({})
export class NotificationsModule {
  static forRoot(env: Environment): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [PlatformModule.forRoot(notificationsDefinition, env)],
      controllers: [NotifyEmailHandler, DeliveriesController, ...(env.SMTP_URL ? [] : [MailboxController])],
      providers: [
        Deliveries,
        DeliveryQueue,
        DeliveryWorker,
        DeliverySweeper,
        { provide: MailRenderer, useFactory: () => new MailRenderer(findTemplatesFolder()) },
        { provide: MailSender, useFactory: () => mailSenderFor(env) },
      ],
    };
  }
}
