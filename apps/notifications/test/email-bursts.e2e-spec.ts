// A burst of notify.email commands, more than the places this process sends from at once: each command waits a
// moment for a place and its mail is sent from there, without a queue job; only when no place frees in time is
// its delivery queued, and then sent by the queue's worker. Either way, one mail per notification id. The
// delivery sweeper is set to ten minutes, so that every job in the queue is one the handler added.
import { Queue } from 'bullmq';
import { redisOptions } from '@cocomo/messaging';
import { DELIVERY_QUEUE } from '../src/delivery/delivery-queue';
import {
  eventually,
  query,
  sendCommands,
  startNotifications,
  verifyCommand,
  type NotificationsUnderTest,
} from './notifications-harness';

const QUIET = { EMAIL_SWEEP_INTERVAL: '10m', EMAIL_STALLED_AFTER: '30s' };

async function deliveryJobs(service: NotificationsUnderTest): Promise<number> {
  const queue = new Queue(DELIVERY_QUEUE, {
    connection: redisOptions(service.infra.env.REDIS_URL),
    prefix: service.infra.env.QUEUE_PREFIX,
  });
  try {
    const counts = await queue.getJobCounts('completed', 'failed', 'waiting', 'delayed', 'active');
    return Object.values(counts).reduce((sum, count) => sum + count, 0);
  } finally {
    await queue.close();
  }
}

/**
 * Sends `count` commands at once to a service whose SMTP server answers each mail after `replyMs`, and waits
 * until each has gone out once, at its first attempt; resolves with how many jobs the delivery queue saw.
 */
async function burst(count: number, replyMs: number, smtpQuery?: string): Promise<number> {
  const service = await startNotifications({ smtp: true, smtpQuery, env: QUIET });
  try {
    service.smtp!.delayReplies(replyMs);
    const commands = Array.from({ length: count }, () => verifyCommand());
    await sendCommands(service, ...commands);
    await eventually(async () => {
      const [row] = await query<{ sent: number }>(
        service,
        `select count(*)::int as "sent" from "notifications"."delivery" where "status" = 'sent'`,
      );
      return row.sent === count;
    }, 60_000);
    await service.smtp!.waitForMails(count);
    for (const { notificationId } of commands) {
      expect(service.smtp!.withMessageId(`<${notificationId}@cocomo>`)).toHaveLength(1);
    }
    const attempts = await query<{ attempts: number }>(
      service,
      `select distinct "attempts" from "notifications"."delivery"`,
    );
    expect(attempts).toEqual([{ attempts: 1 }]);
    return await deliveryJobs(service);
  } finally {
    await service.stop();
  }
}

it('sends a burst larger than its places in turns, each mail once, with no queue job', async () => {
  // Ten connections at 50 ms a mail: the 150 commands come in faster than places free.
  expect(await burst(150, 50)).toBe(0);
}, 90_000);

it('queues what finds no place in time, and the queue sends it, each mail once', async () => {
  // Fifty connections, each mail held 4 s: the fifty places stay taken past the 2 s a command waits.
  expect(await burst(55, 4000, '?maxConnections=50')).toBeGreaterThan(0);
}, 90_000);
