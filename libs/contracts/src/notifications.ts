// Messages to and from the notifications service: mails to send, and what became of them.
import { command, event } from './message';

/** A button in a mail: the link carries a signed, expiring, single-use token. */
export interface EmailAction {
  label: string;
  url: string;
}

/** Every kind of mail, and the data its template needs. */
export interface EmailTemplates {
  'space-verify': { hostName: string; spaceName: string; city: string; country: string; expiresAt: string };
  'space-review-needed': {
    spaceId: string;
    spaceName: string;
    kind: string;
    city: string;
    country: string;
    capacity: number;
    pricingModel: string;
    hostName: string;
    hostEmail: string;
    reviewApiUrl: string;
  };
  'space-approved': { hostName: string; spaceName: string; mapUrl: string };
  'space-rejected': { hostName: string; spaceName: string; reason: string };
}
export type EmailTemplateId = keyof EmailTemplates;

export interface NotifyEmail<T extends EmailTemplateId = EmailTemplateId> {
  /** One mail per notification id, however often the command arrives. No ':' in it. */
  notificationId: string;
  template: T;
  locale: string;
  to: { email: string; name?: string };
  data: EmailTemplates[T];
  actions: EmailAction[];
}

export interface NotificationFailed {
  notificationId: string;
  template: string;
  to: string;
  attempts: number;
  reason: string;
}

export const notifyEmail = command<NotifyEmail>()('notify.email', 1);
export const notificationFailed = event<NotificationFailed>()('notification.failed', 1);
