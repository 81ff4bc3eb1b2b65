// Starts the notifications service for a test file against its own database, queue prefix and, when asked,
// an SMTP server in the test process; and builds notify.email commands as other services send them.
import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { notifyEmail, type Envelope, type NotifyEmail } from '@cocomo/contracts';
import { BullMqClient } from '@cocomo/messaging';
import type { ServiceApp } from '@cocomo/platform';
import {
  isolatedInfra,
  startService,
  TestSmtpServer,
  type IsolatedInfra,
  type ServiceUnderTest,
} from '@cocomo/testing';
import { notificationsDefinition, NotificationsModule } from '../src/notifications.module';

export const operator = { authorization: 'Bearer test-operator-token' };

export const notifications: ServiceApp = {
  ...notificationsDefinition,
  module: NotificationsModule.forRoot,
  concurrency: 16,
};

/** Short delays, so retries and recovery happen within a test. */
export const quickDelays = {
  EMAIL_RETRY_DELAY: '100ms',
  EMAIL_SWEEP_INTERVAL: '1s',
  EMAIL_STALLED_AFTER: '2s',
};

export interface NotificationsUnderTest extends ServiceUnderTest {
  infra: IsolatedInfra;
  smtp?: TestSmtpServer;
  stop: () => Promise<void>;
}

/** `smtpQuery` tunes the service's pool of connections to the test's SMTP server (`?maxConnections=50`). */
export async function startNotifications(
  options: { smtp?: boolean; smtpQuery?: string; env?: Record<string, string> } = {},
): Promise<NotificationsUnderTest> {
  const smtp = options.smtp ? await TestSmtpServer.start() : undefined;
  const infra = await isolatedInfra({
    ...quickDelays,
    ...(smtp ? { SMTP_URL: `${smtp.url}${options.smtpQuery ?? ''}` } : {}),
    ...options.env,
  });
  const service = await startService(notifications, infra.env);
  return {
    ...service,
    infra,
    smtp,
    stop: async () => {
      await service.close();
      await smtp?.stop();
      await infra.cleanup();
    },
  };
}

/** A space-verify mail to a host, as the directory asks for it. */
export function verifyCommand(
  overrides: Partial<NotifyEmail<'space-verify'>> = {},
): NotifyEmail<'space-verify'> {
  return {
    notificationId: randomUUID(),
    template: 'space-verify',
    locale: 'en',
    to: { email: 'asha@example.org', name: 'Asha' },
    data: {
      hostName: 'Asha',
      spaceName: 'Pune Hackerspace',
      city: 'Pune',
      country: 'IN',
      expiresAt: '2026-11-24T14:00:00.000Z',
    },
    actions: [
      { label: 'Confirm my email address', url: 'http://127.0.0.1:3000/actions/verify?token=abc.def' },
    ],
    ...overrides,
  };
}

export function envelopeOf(command: NotifyEmail): Envelope<NotifyEmail> {
  return {
    id: randomUUID(),
    name: notifyEmail.name,
    version: notifyEmail.version,
    occurredAt: new Date().toISOString(),
    correlationId: `test-${command.notificationId}`,
    payload: command,
  };
}

/** Puts the commands in the service's inbox, as the outbox relay of another service would. */
export async function sendCommands(service: ServiceUnderTest, ...commands: NotifyEmail[]): Promise<void> {
  await service.app.get(BullMqClient).deliver(commands.map(envelopeOf));
}

export interface DeliveryRow {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  subject: string;
  sent_at: string | null;
}

/** Reads the service's own tables, bypassing the service. */
export function query<T>(service: ServiceUnderTest, sql: string, params: unknown[] = []): Promise<T[]> {
  return service.app.get(EntityManager).fork().execute(sql, params);
}

export async function deliveryRow(service: ServiceUnderTest, id: string): Promise<DeliveryRow | undefined> {
  const [row] = await query<DeliveryRow>(service, `select * from "notifications"."delivery" where "id" = ?`, [
    id,
  ]);
  return row;
}

/** The payloads of the messages of that name in the service's outbox, oldest first. */
export async function outboxPayloads(service: ServiceUnderTest, name: string): Promise<unknown[]> {
  const rows = await query<{ payload: unknown }>(
    service,
    `select "payload" from "notifications"."outbox_message" where "name" = ? order by "occurred_at"`,
    [name],
  );
  return rows.map((row) => row.payload);
}

/** Polls until `check` returns something truthy; throws after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const deliveryIn = (service: ServiceUnderTest, id: string, ...statuses: string[]) =>
  eventually(async () => {
    const row = await deliveryRow(service, id);
    return row && statuses.includes(row.status) ? row : undefined;
  });

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
