// The idempotent inbox's memory: a message id seen here has had its effect.
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'processed_message' })
export class ProcessedMessage {
  @PrimaryKey({ type: 'string' })
  messageId: string;

  @Property({ type: 'string' })
  name: string;

  @Property({ type: 'datetime' })
  processedAt: Date;
}
