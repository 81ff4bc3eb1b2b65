import request from 'supertest';
import { notificationFailed } from '@cocomo/contracts';
import {
  deliveryIn,
  eventually,
  operator,
  outboxPayloads,
  pause,
  query,
  sendCommands,
  startNotifications,
  verifyCommand,
  type NotificationsUnderTest,
} from './notifications-harness';

let service: NotificationsUnderTest;

beforeAll(async () => {
  service = await startNotifications({ smtp: true, env: { EMAIL_MAX_ATTEMPTS: '4' } });
});
afterAll(async () => {
  await service?.stop();
});
afterEach(() => service.smtp!.rejectAll(undefined));

const mailsOf = (notificationId: string) => service.smtp!.withMessageId(`<${notificationId}@cocomo>`);

it('retries, with growing pauses, while the server answers "try later", then sends the mail once', async () => {
  service.smtp!.rejectNext(3, 451);
  const command = verifyCommand();
  await sendCommands(service, command);
  const row = await deliveryIn(service, command.notificationId, 'sent');
  expect(row).toMatchObject({ attempts: 4, last_error: null });
  await pause(300);
  expect(mailsOf(command.notificationId)).toHaveLength(1);
  // EMAIL_RETRY_DELAY=100ms: about 100, 200 and 400 ms between the attempts.
  const [first, second, third, fourth] = service
    .smtp!.attempts.filter((attempt) => attempt.messageId === `<${command.notificationId}@cocomo>`)
    .map((attempt) => attempt.at);
  expect(second - first).toBeGreaterThanOrEqual(90);
  expect(third - second).toBeGreaterThanOrEqual(190);
  expect(fourth - third).toBeGreaterThanOrEqual(390);
});

it('ends failed when the server keeps refusing, visible to operators and announced as notification.failed', async () => {
  service.smtp!.rejectAll(451);
  const command = verifyCommand({ to: { email: 'nobody@example.org' } });
  await sendCommands(service, command);
  const row = await deliveryIn(service, command.notificationId, 'failed');
  expect(row.attempts).toBe(4);
  expect(row.last_error).toMatch(/^451 /);
  expect(mailsOf(command.notificationId)).toHaveLength(0);

  const failed = await request(service.url)
    .get('/api/notifications')
    .query({ status: 'failed' })
    .set(operator)
    .expect(200);
  expect(failed.body.items).toContainEqual(
    expect.objectContaining({
      id: command.notificationId,
      recipient: 'nobody@example.org',
      status: 'failed',
      attempts: 4,
      lastError: row.last_error,
    }),
  );
  expect(await outboxPayloads(service, notificationFailed.name)).toContainEqual({
    notificationId: command.notificationId,
    template: 'space-verify',
    to: 'nobody@example.org',
    attempts: 4,
    reason: row.last_error,
  });

  // The event leaves through the outbox relay, to the services that subscribe to it.
  await eventually(async () => {
    const rows = await query<{ published_at: string | null }>(
      service,
      `select "published_at" from "notifications"."outbox_message" where "name" = ? and "payload"->>'notificationId' = ?`,
      [notificationFailed.name, command.notificationId],
    );
    return rows.length === 1 && rows[0].published_at !== null;
  });

  // Nothing more happens to a failed delivery, even when the server would accept it now.
  service.smtp!.rejectAll(undefined);
  await pause(500);
  expect(mailsOf(command.notificationId)).toHaveLength(0);
});

it('gives up at once when the server refuses the message for good (550)', async () => {
  service.smtp!.rejectNext(1, 550);
  const command = verifyCommand();
  await sendCommands(service, command);
  const row = await deliveryIn(service, command.notificationId, 'failed');
  expect(row.attempts).toBe(1);
  expect(row.last_error).toMatch(/^550 /);
  await pause(300);
  expect(mailsOf(command.notificationId)).toHaveLength(0);
});
