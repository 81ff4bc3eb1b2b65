// A space changed hands, or its host chose another language (space.host-changed): each booking that keeps the space in its snapshots (ranked,
// asked, or holding it) mails and links its new host from now on, and a request still waiting for the old
// host's answer (a single request, or a series' one mail) is mailed to the new host, with links of their own.
// Runs in the idempotent inbox; each booking is changed under its row lock, so a step of its workflow at the
// same moment does not write the old host back. Links already mailed to the old host name them as recipient
// and no longer act for the space.
import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { spaceHostChanged, type Envelope, type SpaceHostChanged } from '@cocomo/contracts';
import { BookingRepository } from '../bookings/booking.repository';
import { BookingEffects } from '../workflow/booking-effects';
import { SeriesWorkflow } from '../workflow/series-workflow.service';

@Controller()
export class SpaceHostChangedHandler {
  private readonly logger = new Logger(SpaceHostChangedHandler.name);

  constructor(
    private readonly bookings: BookingRepository,
    private readonly effects: BookingEffects,
    private readonly seriesWorkflow: SeriesWorkflow,
  ) {}

  @EventPattern(spaceHostChanged.name)
  async hostChanged(@Payload() message: Envelope<SpaceHostChanged>): Promise<void> {
    const { spaceId, host } = message.payload;
    const ids = await this.bookings.notFinalWithSnapshotOf(spaceId);
    const series = new Set<string>();
    for (const id of ids) {
      await this.bookings.transaction(async (em) => {
        const booking = await this.bookings.locked(em, id);
        const snapshot = booking.spaceSnapshots[spaceId];
        if (!snapshot) return;
        const samePerson = snapshot.host.email === host.email && snapshot.host.name === host.name;
        const locale = host.locale ?? (samePerson ? snapshot.host.locale : undefined);
        if (samePerson && locale === snapshot.host.locale) return;
        const known = { ...host, ...(locale ? { locale } : {}) };
        booking.spaceSnapshots = { ...booking.spaceSnapshots, [spaceId]: { ...snapshot, host: known } };
        // The same host in another language is mailed in it from now on; only a new host is asked again.
        if (samePerson) return;
        await this.effects.askNewHost(em, booking, spaceId);
        // A date waiting for its series' answer is asked in the series' one mail, once the dates know the host.
        if (booking.seriesId && booking.state === 'requested') series.add(booking.seriesId);
      });
    }
    for (const seriesId of series) {
      await this.bookings.transaction((em) => this.seriesWorkflow.askNewHost(em, seriesId, spaceId));
    }
    if (ids.length) this.logger.log(`${ids.length} bookings of space ${spaceId} know its new host`);
  }
}
