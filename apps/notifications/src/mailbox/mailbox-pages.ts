// The HTML of the development mailbox. Handlebars escapes every value, including the mail's HTML in srcdoc.
import Handlebars from 'handlebars';
import type { Delivery } from '../delivery/delivery.entity';
import { messageIdOf } from '../delivery/mail-sender';

const STYLE = `<style>
body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: #1f2937; background: #f9fafb; }
main { max-width: 960px; margin: 0 auto; padding: 16px; }
.note { background: #fef3c7; border: 1px solid #f59e0b; border-radius: 6px; padding: 8px 12px; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
.status-failed { color: #b91c1c; font-weight: bold; }
iframe { width: 100%; height: 640px; border: 1px solid #d1d5db; background: #fff; }
pre { white-space: pre-wrap; background: #fff; border: 1px solid #d1d5db; padding: 12px; }
</style>`;

const NOTE = `<p class="note">No <code>SMTP_URL</code> is set, so no mail leaves this machine: every message the system
sends is kept here instead. The mailbox is open without a token because it exists only in development and holds only
development mail; once <code>SMTP_URL</code> is set it is switched off.</p>`;

const listPage = Handlebars.compile(
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mailbox · CoCoMo</title>${STYLE}</head>
<body><main>
<h1>Development mailbox</h1>
${NOTE}
{{#if mails.length}}
<table>
<thead><tr><th>Time (UTC)</th><th>To</th><th>Subject</th><th>Status</th></tr></thead>
<tbody>
{{#each mails}}
<tr class="mail"><td><time datetime="{{createdAt}}">{{time}}</time></td><td>{{recipient}}</td>
<td><a href="/mailbox/{{path}}">{{subject}}</a></td><td class="status-{{status}}">{{status}}</td></tr>
{{/each}}
</tbody>
</table>
<p>The newest {{mails.length}} mails, newest first.</p>
{{else}}
<p>No mail yet.</p>
{{/if}}
</main></body></html>`,
  { strict: true },
);

const mailPage = Handlebars.compile(
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{subject}} · Mailbox · CoCoMo</title>${STYLE}</head>
<body><main>
<p><a href="/mailbox">← All mail</a></p>
<h1>{{subject}}</h1>
<table class="headers">
<tr><th>From</th><td>{{from}}</td></tr>
<tr><th>To</th><td>{{to}}</td></tr>
<tr><th>Date</th><td><time datetime="{{createdAt}}">{{time}}</time> (UTC)</td></tr>
<tr><th>Message-ID</th><td><code>{{messageId}}</code></td></tr>
<tr><th>Template</th><td>{{template}} ({{locale}})</td></tr>
<tr><th>Status</th><td class="status-{{status}}">{{status}}{{#if lastError}}: {{lastError}}{{/if}}</td></tr>
</table>
{{#if actions.length}}
<h2>Links in this mail</h2>
<ul class="actions">
{{#each actions}}<li><a href="{{url}}" target="_blank" rel="noopener">{{label}}</a> <code>{{url}}</code></li>{{/each}}
</ul>
{{/if}}
<h2>HTML version</h2>
<iframe title="HTML version of the mail" sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" srcdoc="{{html}}"></iframe>
<h2>Text version</h2>
<pre class="text">{{text}}</pre>
${NOTE}
</main></body></html>`,
  { strict: true },
);

const timeOf = (moment: Date) => moment.toISOString().slice(0, 19).replace('T', ' ');

export function mailboxListPage(mails: Delivery[]): string {
  return listPage({
    mails: mails.map((mail) => ({
      path: encodeURIComponent(mail.id),
      createdAt: mail.createdAt.toISOString(),
      time: timeOf(mail.createdAt),
      recipient: mail.recipient,
      subject: mail.subject || '(no subject)',
      status: mail.status,
    })),
  });
}

/** Links in the mail open in a new tab: the sandbox lets a person's click out, and nothing else. */
function framedHtml(html: string): string {
  const base = '<base target="_blank">';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => head + base) : base + html;
}

export function mailboxMailPage(mail: Delivery, from: string): string {
  return mailPage({
    subject: mail.subject || '(no subject)',
    from,
    to: mail.recipientName ? `${mail.recipientName} <${mail.recipient}>` : mail.recipient,
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
  });
}
