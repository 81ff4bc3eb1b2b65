// Wires a service into the message bus: the BullMQ client, the outbox and its relay, the idempotent inbox.
import {
  Global,
  Logger,
  Module,
  Optional,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Registry } from 'prom-client';
import type { Environment } from '@cocomo/config';
import { BullMqClient } from './bullmq.client';
import { Inbox } from './inbox';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { InboxSignals } from './signals/inbox-signals';
import { registerOutboxSignals } from './signals/outbox-signals';
import { registerQueueSignals } from './signals/queue-signals';
import { registerTimerSignals } from './signals/timer-signals';
import { WatchedQueues } from './signals/watched-queues';
import { TimerScheduler } from './timers/timer-scheduler';
import { Timers } from './timers/timers';

export interface MessagingOptions {
  /** The service keeps timers (a `timer` table in its schema). */
  timers?: boolean;
  /** The queues whose depth and delays the service reports. */
  queues: string[];
  /** The service's Prometheus registry, where the outbox, inbox, queue and timer signals go. */
  registry: Registry;
}

/** Registers the signals of the outbox, the watched queues and (when the service has them) the timers. */
class MessagingSignals {
  constructor(registry: Registry, orm: MikroORM, watched: WatchedQueues, env: Environment, timers: boolean) {
    registerOutboxSignals(registry, orm);
    registerQueueSignals(registry, () => watched.queues);
    if (timers) registerTimerSignals(registry, orm, env.TIMER_OVERDUE_AFTER);
  }
}

@Global()
@Module({})
export class MessagingModule implements OnApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly client: BullMqClient,
    @Optional() private readonly timers?: TimerScheduler,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    // The relay and the timer scheduler finish their rounds before the queues they publish to are closed.
    await Promise.all([this.relay.stop(), this.timers?.stop()]);
    await this.client.close();
    new Logger('Messaging').log('Outbox relay stopped and queues closed');
  }

  static forRoot(env: Environment, options: MessagingOptions): DynamicModule {
    const { registry } = options;
    const timers = options.timers
      ? [
          Timers,
          {
            provide: TimerScheduler,
            inject: [MikroORM, BullMqClient],
            useFactory: (orm: MikroORM, client: BullMqClient) =>
              new TimerScheduler(orm, client, env.TIMER_SWEEP_INTERVAL, env.TIMER_OVERDUE_AFTER),
          },
        ]
      : [];
    return {
      module: MessagingModule,
      providers: [
        {
          provide: BullMqClient,
          useFactory: () =>
            new BullMqClient({
              redisUrl: env.REDIS_URL,
              prefix: env.QUEUE_PREFIX,
              requestTimeoutMs: env.REQUEST_TIMEOUT,
            }),
        },
        Outbox,
        Inbox,
        {
          provide: OutboxRelay,
          inject: [MikroORM, BullMqClient],
          useFactory: (orm: MikroORM, client: BullMqClient) =>
            new OutboxRelay(orm, client, env.OUTBOX_POLL_INTERVAL),
        },
        ...timers,
        { provide: InboxSignals, useFactory: () => new InboxSignals(registry) },
        {
          provide: WatchedQueues,
          useFactory: () => new WatchedQueues(options.queues, env.REDIS_URL, env.QUEUE_PREFIX),
        },
        {
          provide: MessagingSignals,
          inject: [MikroORM, WatchedQueues],
          useFactory: (orm: MikroORM, watched: WatchedQueues) =>
            new MessagingSignals(registry, orm, watched, env, Boolean(options.timers)),
        },
      ],
      exports: [
        BullMqClient,
        Outbox,
        Inbox,
        OutboxRelay,
        WatchedQueues,
        ...(options.timers ? [Timers, TimerScheduler] : []),
      ],
    };
  }
}
