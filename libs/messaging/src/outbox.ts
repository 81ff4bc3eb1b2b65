// Writing messages into the outbox, inside the caller's transaction.
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { recipientsOf, type MessageDefinition, type PayloadOf } from '@cocomo/contracts';
import { currentCorrelationId } from './correlation';
import { OutboxMessage } from './outbox-message.entity';

@Injectable()
export class Outbox {
  /** Adds a message to the unit of work of `em`; it leaves only if that transaction commits. Returns its id. */
  add<M extends MessageDefinition>(em: EntityManager, definition: M, payload: PayloadOf<M>): string {
    recipientsOf(definition.name); // refuses a message that is not in the catalogue, before anything is stored
    const message = em.create(OutboxMessage, {
      id: randomUUID(),
      name: definition.name,
      version: definition.version,
      payload,
      correlationId: currentCorrelationId() ?? null,
      occurredAt: new Date(),
      publishedAt: null,
    });
    em.persist(message);
    return message.id;
  }
}
