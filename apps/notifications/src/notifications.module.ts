// The notifications service: renders the mails other services ask for, sends each exactly once with retries,
// shows operators what failed, and without SMTP keeps every mail in the development mailbox. People ask it for
// their own data (the "my data" page), which it gathers from every service, and for its erasure.
import { Module, type DynamicModule } from '@nestjs/common';
import type { Environment } from '@cocomo/config';
import { inboxQueue } from '@cocomo/contracts';
import {
  LOCAL_OPERATOR_KEYS,
  PlatformModule,
  type ServiceApp,
  type ServiceDefinition,
} from '@cocomo/platform';
import { ActionLinks } from '@cocomo/links';
import { serveSite, WebModule } from '@cocomo/web';
import { DeliveriesController } from './api/deliveries.controller';
import { Deliveries } from './delivery/deliveries.service';
import { Delivery } from './delivery/delivery.entity';
import { DELIVERY_QUEUE, DeliveryQueue } from './delivery/delivery-queue';
import { MailAttempts } from './delivery/mail-attempts';
import { DeliverySweeper } from './delivery/delivery-sweeper';
import { DeliveryWorker } from './delivery/delivery-worker';
import { MailSender, mailSenderFor } from './delivery/mail-sender';
import { NotifyEmailHandler } from './delivery/notify-email.handler';
import { MailboxController } from './mailbox/mailbox.controller';
import { MailRenderer, mailTemplatesFolder } from './templates/mail-renderer';
import { notificationsSite } from './notifications-site';
import { OidcSignIn } from './operators/oidc-sign-in';
import { OidcSignInController } from './operators/oidc-sign-in.controller';
import { OperatorAccounts } from './operators/operator-accounts';
import { OperatorPagesController } from './operators/operator-pages.controller';
import { OperatorRecord } from './operators/operator-record';
import { OperatorSigning } from './operators/operator-signing';
import { OperatorsApiController } from './operators/operators-api.controller';
import { SecondFactorPagesController } from './operators/second-factor-pages.controller';
import { SecondFactors } from './operators/second-factor';
import { SignIn } from './operators/sign-in';
import { NotificationsPersonalDataHandler } from './personal-data/personal-data.handler';
import { PersonalDataPagesController } from './personal-data/personal-data-pages.controller';
import { PersonalData } from './personal-data/personal-data.service';
import { RecordApiController } from './record/record-api.controller';
import { RecordBook } from './record/record-book';
import { RecordEntryHandler } from './record/record-entry.handler';
import { RecordPageController } from './record/record-page.controller';
import { SignInAnswers } from './operators/sign-in-answers';

/** The service's definition, with its pages' static files (every start of it spreads this). */
export const notificationsDefinition: ServiceDefinition &
  Pick<ServiceApp, 'configure' | 'ownsOperatorAccounts'> = {
  service: 'notifications',
  apiPrefix: 'api/notifications',
  entities: [Delivery],
  migrations: () => import('../migrations').then((loaded) => loaded.notificationsMigrations),
  latestMigration: 'Migration20271004000000_operator_second_factor',
  configure: (app) => serveSite(app, notificationsSite),
  queues: [inboxQueue('notifications'), DELIVERY_QUEUE],
  ownsOperatorAccounts: true,
};

@Module({})
export class NotificationsModule {
  static forRoot(env: Environment): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [PlatformModule.forRoot(notificationsDefinition, env), WebModule.forSite(notificationsSite)],
      controllers: [
        NotifyEmailHandler,
        DeliveriesController,
        ...(env.SMTP_URL ? [] : [MailboxController]),
        // The operators' accounts live here: see docs/operators.md for why.
        OperatorsApiController,
        OperatorPagesController,
        SecondFactorPagesController,
        PersonalDataPagesController,
        NotificationsPersonalDataHandler,
        // The one record of who did what, beside the accounts it names.
        RecordEntryHandler,
        RecordApiController,
        RecordPageController,
        OidcSignInController,
      ],
      providers: [
        Deliveries,
        DeliveryQueue,
        DeliveryWorker,
        MailAttempts,
        DeliverySweeper,
        OperatorAccounts,
        OperatorSigning,
        OperatorRecord,
        SignIn,
        SignInAnswers,
        OidcSignIn,
        SecondFactors,
        ActionLinks,
        PersonalData,
        RecordBook,
        { provide: LOCAL_OPERATOR_KEYS, useExisting: OperatorSigning },
        { provide: MailRenderer, useFactory: () => new MailRenderer(mailTemplatesFolder()) },
        { provide: MailSender, useFactory: () => mailSenderFor(env) },
      ],
    };
  }
}

/** The notifications service as it runs: its module, with more mails in hand at once than the default. */
export const notificationsApp: ServiceApp = {
  ...notificationsDefinition,
  module: (env) => NotificationsModule.forRoot(env),
  concurrency: 32,
};
