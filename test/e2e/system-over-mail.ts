// The services as a person meets them through mail: directory, bookings and notifications sending over SMTP to
// a server in the test, whose mails the test reads. Links in mails start with PUBLIC_BASE_URL, so the bookings
// service stands where the router would.
import {
  freePort,
  isolatedInfra,
  startService,
  TestSmtpServer,
  type IsolatedInfra,
  type ReceivedMail,
  type ServiceUnderTest,
} from '@cocomo/testing';
import { bookingsApp } from '../../apps/bookings/src/bookings.module';
import { directoryApp } from '../../apps/directory/src/directory.module';
import { metricsApp } from '../../apps/metrics/src/metrics.module';
import { notificationsApp } from '../../apps/notifications/src/notifications.module';

export interface SystemOverMail {
  infra: IsolatedInfra;
  smtp: TestSmtpServer;
  directory: ServiceUnderTest;
  bookings: ServiceUnderTest;
  notifications: ServiceUnderTest;
  metrics?: ServiceUnderTest;
  /** The first mail to `address` whose subject matches, once it has arrived. */
  mailTo: (address: string, subject: RegExp) => Promise<ReceivedMail>;
  stop: () => Promise<void>;
}

export async function startSystemOverMail(
  variables: Record<string, string> = {},
  options: { metrics?: boolean } = {},
): Promise<SystemOverMail> {
  const smtp = await TestSmtpServer.start();
  const bookingsPort = await freePort();
  const infra = await isolatedInfra({
    SMTP_URL: smtp.url,
    PUBLIC_BASE_URL: `http://127.0.0.1:${bookingsPort}`,
    ...variables,
  });
  const directory = await startService(directoryApp, infra.env);
  const bookings = await startService(bookingsApp, infra.env, bookingsPort);
  const notifications = await startService(notificationsApp, infra.env);
  const metrics = options.metrics ? await startService(metricsApp, infra.env) : undefined;
  return {
    infra,
    smtp,
    directory,
    bookings,
    notifications,
    metrics,
    mailTo: async (address, subject) => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const found = smtp.mails.find(
          (mail) => mail.to.includes(address) && subject.test(mail.subject ?? ''),
        );
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${address} matching ${subject}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    stop: async () => {
      await metrics?.close();
      await notifications.close();
      await bookings.close();
      await directory.close();
      await smtp.stop();
      await infra.cleanup();
    },
  };
}
