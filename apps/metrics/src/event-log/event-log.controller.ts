// Every event routed to metrics goes into the event log and refolds the record it belongs to. It runs inside
// the idempotent inbox, so a duplicate is kept, and counted, once. An erasure is no domain event to count: it
// is carried out on the log (personal-data/), never kept in it.
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { eventsFor, personalDataErased, type Envelope } from '@cocomo/contracts';
import { EventLog } from './event-log';

@Controller()
export class EventLogController {
  constructor(private readonly log: EventLog) {}

  @EventPattern(eventsFor('metrics').filter((name) => name !== personalDataErased.name))
  async record(@Payload() event: Envelope): Promise<void> {
    await this.log.record(event);
  }
}
