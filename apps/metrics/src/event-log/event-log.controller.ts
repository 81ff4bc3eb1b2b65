// Records every event routed to metrics and refolds the record it belongs to. It runs inside the idempotent
// inbox, so a duplicate is kept, and counted, once.
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EntityManager } from '@mikro-orm/postgresql';
import { eventsFor, type Envelope } from '@cocomo/contracts';
import { Projector } from '../records/projector.service';
import { RecordedEvent } from './recorded-event.entity';

@Controller()
export class EventLogController {
  constructor(
    private readonly em: EntityManager,
    private readonly projector: Projector,
  ) {}

  @EventPattern(eventsFor('metrics'))
  async record(@Payload() event: Envelope): Promise<void> {
    this.em.create(RecordedEvent, {
      messageId: event.id,
      name: event.name,
      version: event.version,
      occurredAt: new Date(event.occurredAt),
      recordedAt: new Date(),
      payload: event.payload,
    });
    await this.em.flush();
    await this.projector.project(this.em, event);
  }
}
