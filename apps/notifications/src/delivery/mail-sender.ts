// How a delivery leaves: over SMTP when SMTP_URL is set, else into the development mailbox.
import { createTransport, type Transporter } from 'nodemailer';
import { calendarMessage } from '@cocomo/calendar';
import type { Environment } from '@cocomo/config';
import type { Delivery } from './delivery.entity';

export abstract class MailSender {
  /** Resolves once the receiving server has accepted the message; rejects with its answer otherwise. */
  abstract send(delivery: Delivery): Promise<void>;
  abstract close(): Promise<void>;
}

/** The Message-ID is the notification's: a resend after a crash is recognisable as the same mail. */
export function messageIdOf(delivery: Pick<Delivery, 'id'>): string {
  return `<${delivery.id}@cocomo>`;
}

/** nodemailer over pooled SMTP connections; the SMTP_URL's query may tune the pool (?maxConnections=10). */
export class SmtpSender extends MailSender {
  private readonly transport: Transporter;

  constructor(smtpUrl: string, from: string) {
    super();
    this.transport = createTransport({ url: smtpUrl, pool: true, maxConnections: 10 }, { from });
  }

  async send(delivery: Delivery): Promise<void> {
    await this.transport.sendMail({
      to: delivery.recipientName
        ? { name: delivery.recipientName, address: delivery.recipient }
        : delivery.recipient,
      subject: delivery.subject,
      text: delivery.text,
      html: delivery.html,
      messageId: messageIdOf(delivery),
      date: delivery.createdAt,
      headers: {
        'Auto-Submitted': 'auto-generated',
        'X-CoCoMo-Notification': delivery.id,
        // The id of the request or message that caused the mail: the same id is in every log line about it.
        ...(delivery.correlationId && { 'X-Correlation-Id': delivery.correlationId }),
      },
      // nodemailer puts the event in twice, as calendars look for it: a text/calendar alternative and an .ics file.
      ...(delivery.calendar && {
        icalEvent: {
          method: delivery.calendar.method,
          filename: 'event.ics',
          content: calendarMessage(
            delivery.calendar.method,
            [{ ...delivery.calendar, timeZone: delivery.calendar.timeZone ?? 'UTC' }],
            delivery.createdAt,
          ),
        },
      }),
    });
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/** Without SMTP the delivery's row is the mail: /mailbox shows it, so sending has nothing to transmit. */
export class MailboxSender extends MailSender {
  async send(): Promise<void> {}
  async close(): Promise<void> {}
}

export function mailSenderFor(env: Environment): MailSender {
  return env.SMTP_URL ? new SmtpSender(env.SMTP_URL, env.EMAIL_FROM) : new MailboxSender();
}
