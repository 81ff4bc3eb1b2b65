// A booking's timer came due: the machine decides whether it still means something (its version says). The
// one timer outside the machine retries a ranking the directory did not answer, then gives up to operators.
import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { Environment } from '@cocomo/config';
import { bookingTimerDue, type BookingTimerDue, type Envelope } from '@cocomo/contracts';
import { QueryTimeoutError } from '@cocomo/messaging';
import { ENVIRONMENT } from '@cocomo/platform';
import { BookingRepository } from '../bookings/booking.repository';

import { CandidateSearch } from '../workflow/candidate-search';
import { BookingWorkflow } from '../workflow/booking-workflow.service';
import { SeriesWorkflow } from '../workflow/series-workflow.service';

@Controller()
export class BookingTimerHandler {
  constructor(
    private readonly workflow: BookingWorkflow,
    private readonly search: CandidateSearch,
    private readonly bookings: BookingRepository,
    private readonly series: SeriesWorkflow,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  @EventPattern(bookingTimerDue.name)
  async due(@Payload() message: Envelope<BookingTimerDue>): Promise<void> {
    const { bookingId, timer, version, spaceId, attempt } = message.payload;
    if (timer === 'rankingRetry') return this.rankAgain(bookingId, attempt ?? 1);
    if (timer === 'seriesEscalation') return void (await this.series.silent(message.payload.seriesId!));
    await this.workflow.apply(bookingId, { type: 'timerFired', timer, version, spaceId });
  }

  private async rankAgain(bookingId: string, attempt: number): Promise<void> {
    const booking = await this.bookings.find(bookingId);
    if (booking?.state !== 'requested') return;
    try {
      const { candidates, leftOut } = await this.search.answer(booking.needs);
      await this.workflow.ranked(bookingId, candidates, new Date(), leftOut);
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
