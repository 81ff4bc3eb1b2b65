// A person's data in the bookings service: their copy (asked by the notifications service over the queue),
// and the erasure. An erasure asked for cancels the person's open bookings first, as an organizer's cancel
// (the host is told, timers stop, the slot is freed); then, also for an erasure by retention, it replaces the person in every table of the schema.
// It runs in the idempotent inbox: the cancellations, their mails and events, and the replacement commit
// together, once.
import { Controller, Logger } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  bookingsPersonalData,
  personalDataErased,
  type Envelope,
  type PersonalDataAsked,
  type PersonalDataErased,
  type PersonalDataHeld,
} from '@cocomo/contracts';
import { BookingWorkflow } from '../workflow/booking-workflow.service';
import { PersonalDataStore } from './personal-data.store';

@Controller()
export class BookingsPersonalDataHandler {
  private readonly logger = new Logger(BookingsPersonalDataHandler.name);

  constructor(
    private readonly em: EntityManager,
    private readonly store: PersonalDataStore,
    private readonly workflow: BookingWorkflow,
  ) {}

  @MessagePattern(bookingsPersonalData.name)
  async copy(@Payload() message: Envelope<PersonalDataAsked>): Promise<PersonalDataHeld> {
    return { service: 'bookings', records: await this.store.copyOf(message.payload.email) };
  }

  @EventPattern(personalDataErased.name)
  async erase(@Payload() message: Envelope<PersonalDataErased>): Promise<void> {
    const { email, placeholder, why, erasureId } = message.payload;
    // A retention erasure follows the person's last booking, closed long ago: nothing of theirs is open.
    const open = why === 'asked' ? await this.store.openOf(email) : [];
    for (const id of open) await this.workflow.apply(id, { type: 'organizerCancelled' });
    // The cancellations' mails and events are written before the person is replaced in them.
    await this.em.flush();
    const changed = await this.store.erase(this.em, email, placeholder);
    this.logger.log(`Erasure ${erasureId}: ${open.length} bookings cancelled, ${JSON.stringify(changed)}`);
  }
}
