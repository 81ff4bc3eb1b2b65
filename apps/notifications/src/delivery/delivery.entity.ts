// One mail the service was asked to send, rendered once, and what became of it. Its id is the notification id,
// so a second command for the same notification finds the row already there and changes nothing.
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import type { EmailAction, NotifyEmail } from '@cocomo/contracts';

/** The event sent with the mail for the recipient's calendar; written as iCalendar when the mail leaves. */
export type CalendarEvent = NonNullable<NotifyEmail['calendar']>;

/** queued: waiting for (another) attempt; sending: an attempt is under way; sent and failed are final. */
export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const UNFINISHED: DeliveryStatus[] = ['queued', 'sending'];

@Entity({ tableName: 'delivery' })
export class Delivery {
  @PrimaryKey({ type: 'string' })
  id: string;

  @Property({ type: 'string' })
  template: string;

  @Property({ type: 'string' })
  locale: string;

  @Property({ type: 'string' })
  recipient: string;

  @Property({ type: 'string', nullable: true })
  recipientName: string | null = null;

  @Property({ type: 'text' })
  subject: string;

  @Property({ type: 'text' })
  text: string;

  @Property({ type: 'text' })
  html: string;

  @Property({ type: 'json' })
  actions: EmailAction[];

  /** Sent as an .ics file with the mail; kept, not rendered, so every attempt attaches the same event. */
  @Property({ type: 'json', nullable: true })
  calendar: CalendarEvent | null = null;

  @Enum({ items: () => DELIVERY_STATUSES })
  status: DeliveryStatus;

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  /** When the current (or last) attempt began: a `sending` delivery is only taken again once it is stale. */
  @Property({ type: 'datetime', nullable: true })
  attemptStartedAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date;

  @Property({ type: 'datetime', nullable: true })
  sentAt: Date | null = null;

  @Property({ type: 'string', nullable: true })
  correlationId: string | null = null;
}
