// The log of every domain event routed to metrics, kept as it arrived, and the records the events refold:
// both in the current transaction (the inbox's), so a duplicate is kept, and counted, once. The inbox hands
// over many events in one transaction under load; they are logged and their records refolded together just
// before it commits, in a handful of statements for the whole group.
import { Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Envelope } from '@cocomo/contracts';
import { BeforeCommit } from '@cocomo/messaging';
import { Projector } from '../records/projector.service';

interface Arrived {
  event: Envelope;
  recordedAt: Date;
}

@Injectable()
export class EventLog {
  private readonly arrivals: BeforeCommit<Arrived>;

  constructor(
    private readonly em: EntityManager,
    private readonly projector: Projector,
    orm: MikroORM,
  ) {
    this.arrivals = new BeforeCommit(orm, (em, arrived) => this.write(em, arrived));
  }

  async record(event: Envelope, now = new Date()): Promise<void> {
    await this.arrivals.add(this.em.getContext(), { event, recordedAt: now });
  }

  private async write(em: EntityManager, arrived: Arrived[]): Promise<void> {
    await em.execute(
      `insert into "metrics"."event_log" ("message_id", "name", "version", "occurred_at", "recorded_at", "payload")
       values ${arrived.map(() => '(?, ?, ?, ?, ?, ?::jsonb)').join(', ')}`,
      arrived.flatMap(({ event, recordedAt }) => [
        event.id,
        event.name,
        event.version,
        new Date(event.occurredAt),
        recordedAt,
        JSON.stringify(event.payload ?? null),
      ]),
    );
    await this.projector.projectAll(
      em,
      arrived.map(({ event }) => event),
    );
  }
}
