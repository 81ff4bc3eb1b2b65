// What the development mailbox's pages show of a mail; the views (apps/notifications/views/mailbox*.hbs)
// escape every value, the mail's own HTML too, which goes into the frame's srcdoc.
import type { Delivery } from '../delivery/delivery.entity';
import { messageIdOf } from '../delivery/mail-sender';

const timeOf = (moment: Date) => moment.toISOString().slice(0, 19).replace('T', ' ');

export function mailboxList(mails: Delivery[]) {
  return {
    mails: mails.map((mail) => ({
      id: mail.id,
      createdAt: mail.createdAt.toISOString(),
      time: timeOf(mail.createdAt),
      recipient: mail.recipient,
      subject: mail.subject,
      status: mail.status,
    })),
  };
}

/** Links in the mail open in a new tab: the sandbox lets a person's click out, and nothing else. */
function framedHtml(html: string): string {
  const base = '<base target="_blank">';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => head + base) : base + html;
}

export function mailboxMail(mail: Delivery, from: string) {
  return {
    subject: mail.subject,
    from,
    recipient: mail.recipient,
    recipientName: mail.recipientName,
    createdAt: mail.createdAt.toISOString(),
    time: timeOf(mail.createdAt),
    messageId: messageIdOf(mail),
    template: mail.template,
    locale: mail.locale,
    status: mail.status,
    lastError: mail.lastError,
    actions: mail.actions,
    html: framedHtml(mail.html),
    text: mail.text,
  };
}
