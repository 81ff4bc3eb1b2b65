// A booking's timer came due: the machine decides whether it still means something (its version says). The
// one timer outside the machine retries a ranking the directory did not answer, then gives up to operators.
import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Environment } from '@cocomo/config';
import { bookingTimerDue, type BookingTimerDue, type Envelope } from '@cocomo/contracts';
import { QueryTimeoutError } from '@cocomo/messaging';
import { ENVIRONMENT } from '@cocomo/platform';
import { Booking } from '../bookings/booking.entity';
import type { TimerKind } from '../machine/booking-machine';
import { CandidateSearch } from '../requests/candidate-search';
import { BookingWorkflow } from '../workflow/booking-workflow.service';

@Controller()
export class BookingTimerHandler {
  constructor(
    private readonly workflow: BookingWorkflow,
    private readonly search: CandidateSearch,
    private readonly em: EntityManager,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  @EventPattern(bookingTimerDue.name)
  async due(@Payload() message: Envelope<BookingTimerDue>): Promise<void> {
    const { bookingId, timer, version, spaceId, attempt } = message.payload;
    if (timer === 'rankingRetry') return this.rankAgain(bookingId, attempt ?? 1);
    await this.workflow.apply(bookingId, { type: 'timerFired', timer: timer as TimerKind, version, spaceId });
  }

  private async rankAgain(bookingId: string, attempt: number): Promise<void> {
    const booking = await this.em.findOne(Booking, { id: bookingId });
    if (booking?.state !== 'requested') return;
    try {
      const ranked = await this.search.rank({
        community: booking.community,
        spaceId: booking.requestedSpaceId ?? undefined,
        near:
          booking.nearLatitude === null
            ? undefined
            : {
                latitude: booking.nearLatitude,
                longitude: booking.nearLongitude!,
                radiusKm: booking.nearRadiusKm!,
              },
        expectedAttendees: booking.expectedAttendees,
        needs: booking.needs,
        start: booking.start,
        end: booking.end,
      });
      await this.workflow.ranked(bookingId, ranked);
    } catch (error) {
      if (!(error instanceof QueryTimeoutError)) throw error;
      if (attempt >= this.env.BOOKING_RANKING_ATTEMPTS) {
        await this.workflow.apply(bookingId, { type: 'rankingFailed' });
      } else {
        await this.workflow.retryRanking(bookingId, attempt + 1);
      }
    }
  }
}
