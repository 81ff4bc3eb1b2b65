// Mail throughput: notify.email commands put in the notifications inbox, as other services' outbox relays do,
// until an SMTP server in this process has received every mail; beside it, nodemailer alone sending mails of
// the same size to the same server over the same kind of pool, in the same run.
import { randomUUID } from 'node:crypto';
import { createTransport } from 'nodemailer';
import type { Environment } from '@cocomo/config';
import { notifyEmail, type Envelope, type NotifyEmail } from '@cocomo/contracts';
import { BullMqClient } from '@cocomo/messaging';
import { startService, TestSmtpServer } from '@cocomo/testing';
import { dropBenchEnvironment, freshBenchEnvironment } from './bench-infra';
import type { BenchSection } from './bench-section';
import {
  notificationsDefinition,
  NotificationsModule,
} from '../../apps/notifications/src/notifications.module';
import { MailRenderer, mailTemplatesFolder } from '../../apps/notifications/src/templates/mail-renderer';

export interface EmailBenchResult {
  mailsPerS: number;
  yardstick: { nodemailerPerS: number };
}

const MAILS = Number(process.env.BENCH_EMAILS || 2000);
const WARMUP = 100;
/** Mails nodemailer alone keeps in flight: as many as the service's delivery worker attempts at once. */
const IN_FLIGHT = 50;
/** The pool the service's SmtpSender opens. */
const POOL = { pool: true, maxConnections: 10 } as const;

function command(index: number): NotifyEmail<'space-verify'> {
  return {
    notificationId: randomUUID(),
    template: 'space-verify',
    locale: 'en',
    to: { email: `host-${index}@example.org`, name: `Host ${index}` },
    data: {
      hostName: `Host ${index}`,
      spaceName: `Bench Hall ${index}`,
      city: 'Pune',
      country: 'IN',
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
    actions: [
      { label: 'Confirm my email address', url: `http://127.0.0.1:3000/actions/verify?token=${index}` },
    ],
  };
}

const envelopeOf = (payload: NotifyEmail): Envelope<NotifyEmail> => ({
  id: randomUUID(),
  name: notifyEmail.name,
  version: notifyEmail.version,
  occurredAt: new Date().toISOString(),
  payload,
});

/** nodemailer alone: the same mails, rendered beforehand, IN_FLIGHT at a time. */
async function nodemailerAlone(smtp: TestSmtpServer, count: number): Promise<number> {
  const renderer = new MailRenderer(mailTemplatesFolder());
  const mails = Array.from({ length: count }, (_, index) => {
    const mail = command(index);
    return { ...mail, ...renderer.render(mail) };
  });
  const transport = createTransport(
    { url: smtp.url, ...POOL },
    { from: 'CoCoMo <no-reply@cocomo.localhost>' },
  );
  try {
    const before = smtp.mails.length;
    const started = performance.now();
    let next = 0;
    const sender = async () => {
      for (let mail = mails[next++]; mail; mail = mails[next++]) {
        await transport.sendMail({
          to: { name: mail.to.name!, address: mail.to.email },
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: `<${mail.notificationId}@cocomo>`,
        });
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
    await smtp.waitForMails(before + count, 120_000);
    return count / ((performance.now() - started) / 1000);
  } finally {
    transport.close();
  }
}

/** From the first command put in the inbox to the last mail received; checks that each arrived once. */
async function throughService(smtp: TestSmtpServer, env: Environment, count: number): Promise<number> {
  const service = await startService(
    { ...notificationsDefinition, module: NotificationsModule.forRoot, concurrency: 32 },
    env,
  );
  try {
    const client = service.app.get(BullMqClient);
    const deliver = async (commands: NotifyEmail[]) => {
      for (let index = 0; index < commands.length; index += 500) {
        await client.deliver(commands.slice(index, index + 500).map(envelopeOf));
      }
    };
    const warm = smtp.mails.length + WARMUP;
    await deliver(Array.from({ length: WARMUP }, (_, index) => command(index)));
    await smtp.waitForMails(warm, 60_000);

    const commands = Array.from({ length: count }, (_, index) => command(index));
    const started = performance.now();
    await deliver(commands);
    await smtp.waitForMails(warm + count, 300_000);
    const mailsPerS = count / ((performance.now() - started) / 1000);

    const arrived = new Set(smtp.mails.slice(warm).map((mail) => mail.messageId));
    const missing = commands.filter((sent) => !arrived.has(`<${sent.notificationId}@cocomo>`)).length;
    if (arrived.size !== count || missing) {
      throw new Error(`${count} commands gave ${arrived.size} distinct mails, ${missing} missing`);
    }
    return mailsPerS;
  } finally {
    await service.close();
  }
}

/** Mails per second through the notifications service, and nodemailer's own pace as the yardstick. */
export async function emailBench(say: (line: string) => void = () => undefined): Promise<EmailBenchResult> {
  const smtp = await TestSmtpServer.start({ parse: false });
  const env = await freshBenchEnvironment('email', { SMTP_URL: smtp.url });
  try {
    say(
      `nodemailer alone: ${MAILS} mails, ${IN_FLIGHT} in flight, ${POOL.maxConnections} pooled connections`,
    );
    const nodemailerPerS = await nodemailerAlone(smtp, MAILS);
    say(`through the notifications service: ${MAILS} notify.email commands`);
    const mailsPerS = await throughService(smtp, env, MAILS);
    return { mailsPerS: Math.round(mailsPerS), yardstick: { nodemailerPerS: Math.round(nodemailerPerS) } };
  } finally {
    await smtp.stop();
    await dropBenchEnvironment(env);
  }
}

/** Issue 3 asked for 500 mails a second; issue 12 for at least 0.7 of nodemailer's own pace in the same run. */
const GOAL_RATIO_TO_NODEMAILER = 0.7;

export const emailSection: BenchSection = {
  key: 'email',
  title: 'Email',
  run: async (say) => {
    const result = await emailBench(say);
    const ratio = Math.round((result.mailsPerS / result.yardstick.nodemailerPerS) * 100) / 100;
    return {
      result: { ...result, ratio, goal: { mailsPerS: 500, ratioToNodemailer: GOAL_RATIO_TO_NODEMAILER } },
      rows: [
        {
          measure: 'mails/s through the service',
          value: String(result.mailsPerS),
          goal: '≥ 500',
          met: result.mailsPerS >= 500,
        },
        {
          measure: 'nodemailer alone, same server (yardstick)',
          value: String(result.yardstick.nodemailerPerS),
        },
        {
          measure: 'service / yardstick',
          value: ratio.toFixed(2),
          goal: `≥ ${GOAL_RATIO_TO_NODEMAILER}`,
          met: ratio >= GOAL_RATIO_TO_NODEMAILER,
        },
      ],
    };
  },
};
