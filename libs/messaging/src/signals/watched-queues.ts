// The queues a service reports on /metrics (its own inbox, and for some more: the mails to send, or every queue
// for the metrics service, whose queue board shows the same ones), opened once and closed at shutdown.
import type { OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QueueConnection } from '../redis-connection';

export class WatchedQueues implements OnApplicationShutdown {
  readonly queues: Queue[];
  private readonly connection: QueueConnection;

  constructor(names: string[], redisUrl: string, prefix: string) {
    this.connection = new QueueConnection(redisUrl);
    this.queues = names.map((name) => new Queue(name, { connection: this.connection.options, prefix }));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
    await this.connection.close();
  }
}
