// Every mail template renders in every locale and goes out through a real SMTP server: each part in the
// locale's own words (no catalogue key, no placeholder, no English sentence left), dated in its language.
import { randomUUID } from 'node:crypto';
import { SUPPORTED_LOCALES, translate } from '@cocomo/i18n';
import type { NotifyEmail } from '@cocomo/contracts';
import { sendCommands, startNotifications, type NotificationsUnderTest } from './notifications-harness';
import { MAIL_SAMPLES } from './mail-samples';

let service: NotificationsUnderTest;

beforeAll(async () => {
  service = await startNotifications({ smtp: true, env: { EMAIL_STALLED_AFTER: '30s' } });
});
afterAll(async () => {
  await service?.stop();
});

const commandOf = (locale: string, [template, data]: (typeof MAIL_SAMPLES)[number]): NotifyEmail =>
  ({
    notificationId: `${template}-${locale}-${randomUUID()}`,
    template,
    locale,
    to: { email: `${locale.toLowerCase()}@example.org`, name: 'Asha' },
    data,
    actions: [
      { label: translate(locale, 'mails:actions.host-accept'), url: 'https://cocomo.example.org/a/t' },
    ],
  }) as NotifyEmail;

it('sends a mail of every template in every locale, each written in that locale', async () => {
  const commands = SUPPORTED_LOCALES.flatMap((locale) =>
    MAIL_SAMPLES.map((sample) => commandOf(locale, sample)),
  );
  await sendCommands(service, ...commands);
  const mails = await service.smtp!.waitForMails(commands.length, 120_000);
  const english = new Set(
    mails.filter((mail) => mail.to[0] === 'en@example.org').map((mail) => mail.subject),
  );

  for (const locale of SUPPORTED_LOCALES) {
    const own = mails.filter((mail) => mail.to[0] === `${locale.toLowerCase()}@example.org`);
    expect(own).toHaveLength(MAIL_SAMPLES.length);
    for (const mail of own) {
      for (const part of [mail.subject, mail.text, mail.html]) {
        expect(part).not.toMatch(/mails:|\{[a-zA-Z]+\}|\{\{/);
      }
      expect(mail.html).toContain(`<html lang="${locale}" dir="ltr">`);
      if (locale === 'en') continue;
      // Not one English sentence of the same mail survives in the other locale's text.
      expect(english.has(mail.subject)).toBe(false);
      expect(mail.text).not.toContain('This message was sent automatically');
      expect(mail.text).toContain(translate(locale, 'mails:layout.automatic'));
    }
  }
  const hindi = mails.filter((mail) => mail.to[0] === 'hi@example.org');
  expect(hindi.map((mail) => mail.text).join('\n')).toMatch(/[\u0900-\u097F]/);
});
