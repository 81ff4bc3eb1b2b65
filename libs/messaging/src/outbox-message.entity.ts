// A message waiting to leave: written in the same transaction as the state change that caused it.
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'outbox_message' })
export class OutboxMessage {
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Property({ type: 'string' })
  name: string;

  @Property({ type: 'integer' })
  version: number;

  @Property({ type: 'json' })
  payload: unknown;

  @Property({ type: 'string', nullable: true })
  correlationId: string | null = null;

  @Property({ type: 'datetime' })
  occurredAt: Date;

  @Property({ type: 'datetime', nullable: true })
  publishedAt: Date | null = null;
}
