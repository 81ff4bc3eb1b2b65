// The relay: publishes committed outbox rows to BullMQ and marks them published. It runs right after each
// commit and on a timer, so rows left behind by a crash between commit and publish still leave.
//
// Redis may lose its data (here it keeps nothing on disk), and with it messages published but not yet
// consumed. The relay keeps a marker key in Redis; when the marker is gone, Redis has lost its data, and the
// relay publishes again what it published in the last REPUBLISH_WINDOW_MS. Consumers are idempotent, so a
// message that had been consumed already is ignored.
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import type { Envelope, ServiceName } from '@cocomo/contracts';
import { BullMqClient } from './bullmq.client';
import { afterCommitsWriting } from './commit-watch';
import { OutboxMessage } from './outbox-message.entity';
import { Rounds } from './rounds';

const BATCH_SIZE = 500;
/** How far back a Redis data loss sends messages again: longer than any consumer should lag behind. */
const REPUBLISH_WINDOW_MS = 24 * 3_600_000;

interface OutboxRow {
  id: string;
  name: string;
  version: number;
  payload: unknown;
  correlation_id: string | null;
  occurred_at: Date;
}

@Injectable()
export class OutboxRelay implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  /** Messages just committed, by id: the next round publishes these without looking for them. */
  private committed: string[] = [];
  private readonly rounds = new Rounds(
    async () =>
      this.committed.length
        ? (await this.publishCommitted()) > 0 && this.committed.length > 0
        : (await this.publishBatch()) === BATCH_SIZE,
    (error) => this.logger.warn(`Outbox relay round failed, will retry: ${error.message.slice(0, 300)}`),
  );

  constructor(
    private readonly orm: MikroORM,
    private readonly client: BullMqClient,
    private readonly pollIntervalMs: number,
  ) {}

  /**
   * Before any provider starts (this global module's hooks come first): a message written by a provider as it
   * starts leaves at its commit too.
   */
  onModuleInit(): void {
    // A commit that wrote outbox rows starts a round at once; the poll catches whatever a crash left behind.
    afterCommitsWriting(this.orm, OutboxMessage, (written) => {
      for (const message of written) this.committed.push(message.id);
      this.kick();
    });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.poll(), this.pollIntervalMs);
    void this.poll();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.rounds.stop();
  }

  /** Asks for a publishing round. */
  kick(): void {
    this.rounds.kick();
  }

  private async poll(): Promise<void> {
    try {
      await this.republishIfRedisLostData();
    } catch (error) {
      this.logger.warn(`Could not check Redis for lost messages, will retry: ${(error as Error).message}`);
    }
    this.kick();
  }

  /** Marks the recently published messages unpublished when Redis has lost its data; the round sends them. */
  async republishIfRedisLostData(): Promise<number> {
    const schema = this.orm.config.get('schema') as ServiceName;
    const queue = this.client.queueOf(schema);
    const redis = (await queue.client) as unknown as Redis;
    const marker = `${queue.opts.prefix}:outbox-relay:${schema}`;
    if (await redis.exists(marker)) return 0;
    const republished: unknown[] = await this.orm.em.fork().execute(
      `update "${schema}"."outbox_message" set "published_at" = null
       where "published_at" > now() - ? * interval '1 millisecond' returning "id"`,
      [REPUBLISH_WINDOW_MS],
    );
    await redis.set(marker, new Date().toISOString());
    if (republished.length) {
      this.logger.warn(`Redis has lost its data: ${republished.length} recent messages are published again`);
    }
    return republished.length;
  }

  /**
   * Publishes the messages of the commits just seen, then marks them published: two statements, no
   * transaction. Should the relay die between the two, the poll publishes them again, which the inboxes
   * ignore. A message published by the poll meanwhile is skipped (or its job, of the same id, is kept once).
   */
  private async publishCommitted(): Promise<number> {
    const ids = this.committed.splice(0, BATCH_SIZE);
    const schema = this.orm.config.get('schema');
    const em = this.orm.em.fork();
    const rows: OutboxRow[] = await em.execute(
      `select "id", "name", "version", "payload", "correlation_id", "occurred_at"
       from "${schema}"."outbox_message" where "published_at" is null and "id" in (${ids.map(() => '?').join(', ')})
       order by "occurred_at"`,
      ids,
    );
    if (rows.length === 0) return ids.length;
    await this.client.deliver(rows.map(envelopeOf));
    await em.execute(
      `update "${schema}"."outbox_message" set "published_at" = now()
       where "published_at" is null and "id" in (${rows.map(() => '?').join(', ')})`,
      rows.map((row) => row.id),
    );
    return ids.length;
  }

  private async publishBatch(): Promise<number> {
    const schema = this.orm.config.get('schema');
    return this.orm.em.fork().transactional(async (em) => {
      const rows: OutboxRow[] = await em.execute(
        `select "id", "name", "version", "payload", "correlation_id", "occurred_at"
         from "${schema}"."outbox_message" where "published_at" is null
         order by "occurred_at" limit ${BATCH_SIZE} for update skip locked`,
      );
      if (rows.length === 0) return 0;
      await this.client.deliver(rows.map(envelopeOf));
      await em.execute(
        `update "${schema}"."outbox_message" set "published_at" = now()
         where "id" in (${rows.map(() => '?').join(', ')})`,
        rows.map((row) => row.id),
      );
      return rows.length;
    });
  }
}

function envelopeOf(row: OutboxRow): Envelope {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    occurredAt: new Date(row.occurred_at).toISOString(),
    correlationId: row.correlation_id ?? undefined,
    payload: row.payload,
  };
}
