// The relay: publishes committed outbox rows to BullMQ and marks them published. It runs right after each
// commit and on a timer, so rows left behind by a crash between commit and publish still leave.
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Envelope } from '@cocomo/contracts';
import { BullMqClient } from './bullmq.client';
import { afterCommitsWriting } from './commit-watch';
import { OutboxMessage } from './outbox-message.entity';
import { Rounds } from './rounds';

const BATCH_SIZE = 500;

interface OutboxRow {
  id: string;
  name: string;
  version: number;
  payload: unknown;
  correlation_id: string | null;
  occurred_at: Date;
}

@Injectable()
export class OutboxRelay implements OnApplicationBootstrap {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private readonly rounds = new Rounds(
    async () => (await this.publishBatch()) === BATCH_SIZE,
    (error) => this.logger.warn(`Outbox relay round failed, will retry: ${error.message.slice(0, 300)}`),
  );

  constructor(
    private readonly orm: MikroORM,
    private readonly client: BullMqClient,
    private readonly pollIntervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    // A commit that wrote outbox rows starts a round at once; the timer catches whatever a crash left behind.
    afterCommitsWriting(this.orm, OutboxMessage, () => this.kick());
    this.timer = setInterval(() => this.kick(), this.pollIntervalMs);
    this.kick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.rounds.stop();
  }

  /** Asks for a publishing round. */
  kick(): void {
    this.rounds.kick();
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
      const envelopes: Envelope[] = rows.map((row) => ({
        id: row.id,
        name: row.name,
        version: row.version,
        occurredAt: new Date(row.occurred_at).toISOString(),
        correlationId: row.correlation_id ?? undefined,
        payload: row.payload,
      }));
      await this.client.deliver(envelopes);
      await em.execute(
        `update "${schema}"."outbox_message" set "published_at" = now()
         where "id" in (${rows.map(() => '?').join(', ')})`,
        rows.map((row) => row.id),
      );
      return rows.length;
    });
  }
}
