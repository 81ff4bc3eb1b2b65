// Every domain event the metrics service receives, kept as it arrived: projections are rebuilt from this log.
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'event_log' })
export class RecordedEvent {
  @PrimaryKey({ type: 'uuid' })
  messageId: string;

  @Property({ type: 'string' })
  name: string;

  @Property({ type: 'integer' })
  version: number;

  @Property({ type: 'datetime' })
  occurredAt: Date;

  @Property({ type: 'datetime' })
  recordedAt: Date;

  @Property({ type: 'json' })
  payload: unknown;
}
