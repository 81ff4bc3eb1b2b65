import { Queue } from 'bullmq';
import request from 'supertest';
import { redisOptions } from '@cocomo/messaging';
import { readCalendar } from '@cocomo/testing';
import { DELIVERY_QUEUE } from '../src/delivery/delivery-queue';
import { notificationFailed, type NotifyEmail } from '@cocomo/contracts';
import {
  deliveryIn,
  deliveryRow,
  eventually,
  operator,
  outboxPayloads,
  pause,
  sendCommands,
  startNotifications,
  verifyCommand,
  type NotificationsUnderTest,
} from './notifications-harness';

let service: NotificationsUnderTest;

beforeAll(async () => {
  // Nothing here is about a sender that died mid-send (crash-mid-send and email-retries are): with the quick
  // 2 s of the other tests, a live attempt slowed past it by a loaded machine would count as dead and be sent
  // again, which is what that setting is for.
  service = await startNotifications({ smtp: true, env: { EMAIL_STALLED_AFTER: '30s' } });
});
afterAll(async () => {
  await service?.stop();
});

const hrefsOf = (html: string) => [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)].map((match) => match[1]);
const decoded = (attribute: string) =>
  attribute
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"');

describe('a notify.email command', () => {
  it('becomes one mail with its subject, text, HTML and action links, every value escaped in the HTML', async () => {
    const command = verifyCommand({
      to: { email: 'asha@example.org', name: 'Asha' },
      data: {
        hostName: 'Asha <script>alert("boom")</script>',
        spaceName: 'Pune Hackerspace & Friends',
        city: 'Pune',
        country: 'IN',
        expiresAt: '2026-11-24T14:00:00.000Z',
      },
      actions: [
        { label: 'Confirm my email address', url: 'https://cocomo.example.org/actions/verify?token=a.b&x=1' },
      ],
    });
    await sendCommands(service, command);
    const [mail] = await service.smtp!.waitForMails(1);

    expect(mail.messageId).toBe(`<${command.notificationId}@cocomo>`);
    expect(mail.to).toEqual(['asha@example.org']);
    expect(mail.from).toBe('no-reply@cocomo.localhost');
    expect(mail.subject).toBe('Confirm your email address for Pune Hackerspace & Friends');
    expect(mail.parsed!.headers.get('auto-submitted')).toBe('auto-generated');

    // The text says what happened, what to do and until when, and carries the link itself.
    expect(mail.text).toContain('Hello Asha <script>alert("boom")</script>,');
    expect(mail.text).toContain('registered Pune Hackerspace & Friends in Pune, IN');
    expect(mail.text).toContain('The link works until Tuesday, November 24, 2026 at 2:00 PM UTC');
    expect(mail.text).toContain(
      'Confirm my email address:\nhttps://cocomo.example.org/actions/verify?token=a.b&x=1',
    );

    // The HTML escapes what the sender wrote, and its buttons go where the actions say.
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Hello Asha &lt;script&gt;alert(&quot;boom&quot;)&lt;/script&gt;,');
    expect(mail.html).toContain('Pune Hackerspace &amp; Friends');
    expect(mail.html).toContain('Tuesday, November 24, 2026 at 2:00 PM UTC');
    expect(hrefsOf(mail.html!).map(decoded)).toEqual([
      'https://cocomo.example.org/actions/verify?token=a.b&x=1',
      'https://cocomo.example.org/actions/verify?token=a.b&x=1',
    ]);
    expect(mail.html).toContain('>Confirm my email address</a>');

    const row = await deliveryIn(service, command.notificationId, 'sent');
    expect(row).toMatchObject({ attempts: 1, last_error: null });
    expect(row.sent_at).not.toBeNull();
  });

  it('sent twice, and as two messages with the same notification id, gives one mail', async () => {
    const command = verifyCommand();
    await sendCommands(service, command, command);
    await sendCommands(service, command);
    await deliveryIn(service, command.notificationId, 'sent');
    await pause(500);
    expect(service.smtp!.withMessageId(`<${command.notificationId}@cocomo>`)).toHaveLength(1);
    expect((await deliveryRow(service, command.notificationId))!.attempts).toBe(1);
  });

  it('many at once, each as two messages, give one mail each (their deliveries inserted together)', async () => {
    const commands = Array.from({ length: 40 }, () => verifyCommand());
    await sendCommands(service, ...commands, ...commands);
    for (const command of commands) await deliveryIn(service, command.notificationId, 'sent');
    await pause(500);
    for (const command of commands) {
      expect(service.smtp!.withMessageId(`<${command.notificationId}@cocomo>`)).toHaveLength(1);
      expect((await deliveryRow(service, command.notificationId))!.attempts).toBe(1);
    }
  });

  it('is not sent again by a second job while its first attempt is still sending', async () => {
    const held = service.smtp!.holdNext();
    const command = verifyCommand();
    await sendCommands(service, command);
    await held.arrived;
    // As if Redis lost the first job while it was sending and the sweeper queued the delivery again.
    const queue = new Queue(DELIVERY_QUEUE, {
      connection: redisOptions(service.infra.env.REDIS_URL),
      prefix: service.infra.env.QUEUE_PREFIX,
    });
    try {
      await queue.add(
        'deliver',
        { deliveryId: command.notificationId },
        { jobId: `${command.notificationId}-again` },
      );
      await eventually(
        async () => (await queue.getJob(`${command.notificationId}-again`))?.isCompleted(),
        10_000,
      );
    } finally {
      await queue.close();
    }
    expect((await deliveryRow(service, command.notificationId))?.attempts).toBe(1);
    held.release();
    await deliveryIn(service, command.notificationId, 'sent');
    await pause(500);
    expect(service.smtp!.withMessageId(`<${command.notificationId}@cocomo>`)).toHaveLength(1);
  });

  it('is not taken for a dead sender’s while its attempt waits on a slow server longer than EMAIL_STALLED_AFTER', async () => {
    const slow = await startNotifications({ smtp: true, env: { EMAIL_STALLED_AFTER: '1s' } });
    try {
      const held = slow.smtp!.holdNext();
      const command = verifyCommand();
      await sendCommands(slow, command);
      await held.arrived;
      // Three times the stall time later, the sweeper (or a job Redis gave again) finds the delivery sending.
      await pause(3000);
      const queue = new Queue(DELIVERY_QUEUE, {
        connection: redisOptions(slow.infra.env.REDIS_URL),
        prefix: slow.infra.env.QUEUE_PREFIX,
      });
      try {
        await queue.add(
          'deliver',
          { deliveryId: command.notificationId },
          { jobId: `${command.notificationId}-late` },
        );
        await eventually(
          async () => (await queue.getJob(`${command.notificationId}-late`))?.isCompleted(),
          10_000,
        );
      } finally {
        await queue.close();
      }
      expect((await deliveryRow(slow, command.notificationId))?.attempts).toBe(1);
      held.release();
      await deliveryIn(slow, command.notificationId, 'sent');
      await pause(500);
      expect(slow.smtp!.withMessageId(`<${command.notificationId}@cocomo>`)).toHaveLength(1);
    } finally {
      await slow.stop();
    }
  });

  it('renders each kind of mail the directory sends', async () => {
    const base = { locale: 'en', to: { email: 'ops@example.org' }, actions: [] };
    const commands = [
      verifyCommand(),
      {
        ...base,
        notificationId: `review-${Date.now()}`,
        template: 'space-review-needed' as const,
        data: {
          spaceId: '3f1c1c55-6c8a-4f55-9d0e-1e7f0b0c8a11',
          spaceName: 'Mitte Commons',
          kind: 'community',
          city: 'Berlin',
          country: 'DE',
          capacity: 30,
          pricingModel: 'free',
          hostName: 'Jonas',
          hostEmail: 'jonas@example.org',
          reviewApiUrl: 'http://127.0.0.1:3000/api/spaces/docs',
        },
      },
      {
        ...base,
        notificationId: `approved-${Date.now()}`,
        template: 'space-approved' as const,
        data: { hostName: 'Jonas', spaceName: 'Mitte Commons', mapUrl: 'http://127.0.0.1:3000/map#space=1' },
      },
      {
        ...base,
        notificationId: `rejected-${Date.now()}`,
        template: 'space-rejected' as const,
        data: { hostName: 'Jonas', spaceName: 'Mitte Commons', reason: 'We could not find the address.' },
      },
    ];
    await sendCommands(service, ...commands);
    const subjects = await Promise.all(
      commands.map(async (command) => (await deliveryIn(service, command.notificationId, 'sent')).subject),
    );
    expect(subjects).toEqual([
      'Confirm your email address for Pune Hackerspace',
      'Review needed: Mitte Commons (Berlin, DE)',
      'Mitte Commons is now listed on CoCoMo',
      'Mitte Commons was not approved',
    ]);
    const rejected = service.smtp!.withMessageId(`<${commands[3].notificationId}@cocomo>`)[0];
    expect(rejected.text).toContain('We could not find the address.');
    const review = service.smtp!.withMessageId(`<${commands[1].notificationId}@cocomo>`)[0];
    expect(review.text).toContain('POST /api/spaces/3f1c1c55-6c8a-4f55-9d0e-1e7f0b0c8a11/approve');
  });

  it('with a calendar carries it as an iCalendar event that calendars read, kept with the delivery', async () => {
    const calendar = {
      uid: `booking-${Date.now()}@cocomo`,
      method: 'REQUEST' as const,
      sequence: 1,
      summary: 'Rust Meetup, Pune',
      description: 'Rust Pune meets; bring a laptop.\nAbout 30 people.',
      location: 'Pune Hackerspace, 12 FC Road, Pune, IN',
      start: '2027-01-15T18:00:00+05:30',
      end: '2027-01-15T15:00:00Z',
      timeZone: 'Asia/Kolkata',
      organizer: { name: 'Ravi', email: 'ravi@example.org' },
      attendees: [{ name: 'Asha Host', email: 'asha@example.org' }],
    };
    const command: NotifyEmail<'booking-organizer-confirmed'> = {
      notificationId: `confirmed-${Date.now()}`,
      template: 'booking-organizer-confirmed',
      locale: 'en',
      to: { email: 'ravi@example.org', name: 'Ravi' },
      data: {
        recipientName: 'Ravi',
        bookingId: 'b-0042',
        event: {
          title: 'Rust Meetup',
          community: 'Rust Pune',
          start: '2027-01-15T12:30:00Z',
          end: '2027-01-15T15:00:00Z',
          expectedAttendees: 30,
        },
        timeZone: 'Asia/Kolkata',
        space: { name: 'Pune Hackerspace', address: '12 FC Road', city: 'Pune', country: 'IN' },
        organizer: { name: 'Ravi', email: 'ravi@example.org' },
      },
      actions: [],
      calendar,
    };
    await sendCommands(service, command);
    await deliveryIn(service, command.notificationId, 'sent');
    const [mail] = service.smtp!.withMessageId(`<${command.notificationId}@cocomo>`);
    expect(mail.text).toContain('Friday, January 15, 2027 at 6:00 PM GMT+5:30 (Asia/Kolkata)');

    const parts = [
      ...mail.parsed!.attachments,
      ...((mail.parsed as { alternatives?: [] }).alternatives ?? []),
    ];
    const ics = parts.find((part) => /^(text\/calendar|application\/ics)$/.test(part.contentType));
    expect(ics).toBeDefined();
    const text = ics!.content.toString('utf8');
    const read = readCalendar(text);
    expect(read.method).toBe('REQUEST');
    expect(read.events).toEqual([
      expect.objectContaining({
        uid: calendar.uid,
        sequence: 1,
        summary: 'Rust Meetup, Pune',
        description: calendar.description,
        status: 'CONFIRMED',
        organizer: { email: 'ravi@example.org', name: 'Ravi' },
        attendees: [{ email: 'asha@example.org', name: 'Asha Host' }],
        start: new Date('2027-01-15T12:30:00Z'),
        end: new Date('2027-01-15T15:00:00Z'),
        zone: 'Asia/Kolkata',
      }),
    ]);
    // The space's wall clock, the zone defined in the file, and a stamp in UTC (RFC 5545 3.8.7.2).
    expect(text).toContain('DTSTART;TZID=Asia/Kolkata:20270115T180000');
    expect(text).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
    const row = (await deliveryRow(service, command.notificationId)) as unknown as { calendar: unknown };
    expect(row.calendar).toEqual(calendar);
  });

  it('with a calendar that ends before it starts is refused, naming the field', async () => {
    const command = {
      ...verifyCommand(),
      calendar: {
        uid: 'x@cocomo',
        method: 'CANCEL',
        sequence: 0,
        summary: 's',
        description: '',
        location: '',
        start: '2027-01-15T15:00:00Z',
        end: '2027-01-15T12:00:00Z',
      },
    } as NotifyEmail;
    await sendCommands(service, command);
    const row = await deliveryIn(service, command.notificationId, 'failed');
    expect(row.last_error).toContain('calendar.end: must be after start');
  });

  it('that cannot become a mail (no such template) ends failed and is announced as notification.failed', async () => {
    const command = { ...verifyCommand(), template: 'no-such-template' } as unknown as ReturnType<
      typeof verifyCommand
    >;
    await sendCommands(service, command);
    const row = await deliveryIn(service, command.notificationId, 'failed');
    expect(row.last_error).toContain('no-such-template');
    expect(await outboxPayloads(service, notificationFailed.name)).toContainEqual({
      notificationId: command.notificationId,
      template: 'no-such-template',
      to: 'asha@example.org',
      attempts: 0,
      reason: row.last_error,
    });
    const list = await request(service.url)
      .get('/api/notifications')
      .query({ status: 'failed' })
      .set(operator);
    expect(list.body.items.map((item: { id: string }) => item.id)).toContain(command.notificationId);
  });
});

describe('the operators’ API', () => {
  it('refuses without the operator token (401) and with a wrong one (403)', async () => {
    await request(service.url).get('/api/notifications').expect(401);
    await request(service.url)
      .get('/api/notifications')
      .set({ authorization: 'Bearer wrong-token' })
      .expect(403);
    await request(service.url).get('/api/notifications/anything').expect(401);
  });

  it('answers an unknown status with 400 naming the field', async () => {
    const response = await request(service.url)
      .get('/api/notifications')
      .query({ status: 'lost' })
      .set(operator)
      .expect(400);
    expect(response.body.problems[0].field).toBe('status');
  });

  it('lists deliveries newest first and shows one in full', async () => {
    const first = verifyCommand();
    const second = verifyCommand();
    await sendCommands(service, first);
    await deliveryIn(service, first.notificationId, 'sent');
    await sendCommands(service, second);
    await deliveryIn(service, second.notificationId, 'sent');
    const list = await request(service.url).get('/api/notifications').query({ status: 'sent' }).set(operator);
    const ids = list.body.items.map((item: { id: string }) => item.id);
    expect(ids.indexOf(second.notificationId)).toBeLessThan(ids.indexOf(first.notificationId));
    expect(list.body.items[0]).toEqual({
      id: second.notificationId,
      template: 'space-verify',
      recipient: 'asha@example.org',
      subject: 'Confirm your email address for Pune Hackerspace',
      status: 'sent',
      attempts: 1,
      lastError: null,
      createdAt: expect.any(String),
      sentAt: expect.any(String),
    });
    expect(Math.abs(Date.parse(list.body.items[0].createdAt) - Date.now())).toBeLessThan(60_000);
    const one = await request(service.url).get(`/api/notifications/${first.notificationId}`).set(operator);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: first.notificationId, actions: first.actions, locale: 'en' });
    expect(one.body.text).toContain('Confirm my email address');
    await request(service.url).get('/api/notifications/no-such-id').set(operator).expect(404);
  });
});

describe('with SMTP_URL set', () => {
  it('has no development mailbox', async () => {
    await request(service.url).get('/mailbox').expect(404);
  });
});
