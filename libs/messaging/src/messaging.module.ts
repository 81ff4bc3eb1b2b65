// Wires a service into the message bus: the BullMQ client, the outbox and its relay, the idempotent inbox.
import { Global, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Environment } from '@cocomo/config';
import { BullMqClient } from './bullmq.client';
import { Inbox } from './inbox';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { redisOptions } from './redis-connection';

@Global()
@Module({})
export class MessagingModule implements OnApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly client: BullMqClient,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    // The relay finishes its round before the queues it publishes to are closed.
    await this.relay.stop();
    await this.client.close();
    new Logger('Messaging').log('Outbox relay stopped and queues closed');
  }

  static forRoot(env: Environment): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        {
          provide: BullMqClient,
          useFactory: () =>
            new BullMqClient({
              connection: redisOptions(env.REDIS_URL),
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
      ],
      exports: [BullMqClient, Outbox, Inbox, OutboxRelay],
    };
  }
}
