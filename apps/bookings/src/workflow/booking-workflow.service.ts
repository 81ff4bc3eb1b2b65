// Runs a booking through the machine: each event is decided on the locked booking, and the new facts, the
// history step and the effects' messages and timers commit together.
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Environment } from '@cocomo/config';
import {
  bookingRequested,
  bookingTimerDue,
  type LeftOut,
  type RankedCandidate,
  type RecordedElsewhere,
} from '@cocomo/contracts';
import { ActionLinks, type LinkClaims } from '@cocomo/links';
import { Outbox, Timers } from '@cocomo/messaging';
import { ActionRecord, Conflict, ENVIRONMENT, type Actor } from '@cocomo/platform';
import { applyFacts, factsOf } from '../bookings/booking-facts';
import { BookingRepository, type NewBooking } from '../bookings/booking.repository';
import type { Booking } from '../bookings/booking.entity';
import { decide } from '../machine/booking-machine';
import type { BookingEvent, Decision, MachineSettings } from '../machine/booking-vocabulary';
import { BookingEffects } from './booking-effects';
import { machineSettings } from './machine-settings';

/** A person's action on a booking, kept on the record when the booking moves: who, what, at which space. */
export interface Recorded {
  by: Actor;
  action: RecordedElsewhere;
  /** The space the action is about, when it is not the booking's own (a host asked, a space assigned). */
  spaceId?: string | null;
}

@Injectable()
export class BookingWorkflow {
  private readonly settings: MachineSettings;
  private readonly rankingRetryMs: number;

  constructor(
    private readonly bookings: BookingRepository,
    private readonly effects: BookingEffects,
    private readonly links: ActionLinks,
    private readonly outbox: Outbox,
    private readonly timers: Timers,
    private readonly record: ActionRecord,
    @Inject(ENVIRONMENT) env: Environment,
  ) {
    this.settings = machineSettings(env);
    this.rankingRetryMs = env.BOOKING_RANKING_RETRY;
  }

  /**
   * Stores the organizer's request and asks the first of the ranked spaces, in one transaction. Without an
   * answer from the directory (`ranked` null) the request waits in `requested` and the ranking is retried.
   */
  async start(request: NewBooking, ranked: RankedCandidate[] | null, now = new Date()): Promise<Booking> {
    return this.bookings.transaction(async (em) => {
      const booking = this.store(em, request, ranked, now);
      if (!ranked) {
        this.retryRankingLater(em, booking, 1, now);
        return booking;
      }
      await this.move(
        em,
        booking,
        { type: 'candidatesRanked', candidates: ranked.map((c) => c.spaceId) },
        now,
      );
      return booking;
    });
  }

  /** Stores a request in `requested` and tells the metrics of it, in the caller's transaction. */
  store(em: EntityManager, request: NewBooking, ranked: RankedCandidate[] | null, now: Date): Booking {
    const booking = this.bookings.add(em, request, ranked, now);
    this.outbox.add(em, bookingRequested, {
      bookingId: booking.id,
      community: booking.needs.community,
      at: now.toISOString(),
      eventStart: booking.start.toISOString(),
      eventEnd: booking.end.toISOString(),
      expectedAttendees: booking.needs.expectedAttendees,
      candidates: ranked?.length ?? 0,
      ...(request.series
        ? {
            series: {
              seriesId: request.series.id,
              spaceId: request.series.spaceId,
              date: request.series.date,
            },
          }
        : {}),
    });
    return booking;
  }

  /**
   * The directory answered a retried ranking: the booking asks its first space now (and keeps how many spaces
   * were left out for the time, for its "no space found").
   */
  async ranked(
    bookingId: string,
    ranked: RankedCandidate[],
    now = new Date(),
    leftOut?: LeftOut,
  ): Promise<Decision> {
    return this.bookings.transaction(async (em) => {
      const booking = await this.bookings.locked(em, bookingId);
      if (leftOut) booking.leftOut = leftOut;
      booking.spaceSnapshots = Object.fromEntries(ranked.map((candidate) => [candidate.spaceId, candidate]));
      const candidates = ranked.map((candidate) => candidate.spaceId);
      return this.move(em, booking, { type: 'candidatesRanked', candidates }, now);
    });
  }

  /** Tries the directory again after a back-off that doubles with each attempt. */
  async retryRanking(bookingId: string, attempt: number, now = new Date()): Promise<void> {
    await this.bookings.transaction(async (em) =>
      this.retryRankingLater(em, await this.bookings.locked(em, bookingId), attempt, now),
    );
  }

  private retryRankingLater(em: EntityManager, booking: Booking, attempt: number, now: Date): void {
    this.timers.set(
      em,
      bookingTimerDue,
      { bookingId: booking.id, timer: 'rankingRetry', version: booking.version, attempt },
      {
        id: `${booking.id}-rankingRetry-a${attempt}`,
        subject: booking.id,
        dueAt: new Date(now.getTime() + this.rankingRetryMs * 2 ** (attempt - 1)),
      },
    );
  }

  /** An operator gives the booking a space by hand; the directory's facts of it come along for the mails. */
  async assign(bookingId: string, space: RankedCandidate, by: Actor, now = new Date()): Promise<Decision> {
    return this.bookings.transaction(async (em) => {
      const booking = await this.bookings.locked(em, bookingId);
      booking.spaceSnapshots = { ...booking.spaceSnapshots, [space.spaceId]: space };
      const event = { type: 'operatorAssigned', spaceId: space.spaceId } as const;
      return this.move(em, booking, event, now, { by, action: 'booking-assigned', spaceId: space.spaceId });
    });
  }

  /** Decides `event` for the booking in a transaction of its own; a person's action is kept on the record. */
  async apply(
    bookingId: string,
    event: BookingEvent,
    now = new Date(),
    recorded?: Recorded,
  ): Promise<Decision> {
    return this.bookings.transaction(async (em) =>
      this.move(em, await this.bookings.locked(em, bookingId), event, now, recorded),
    );
  }

  /**
   * A link's button was pressed: the link is used up and its event decided, in one transaction. 'used' when
   * the link had been used already; when the booking has moved on since its page was shown, throws Conflict
   * and keeps nothing of the press. `laterDates` (the rest of a series) hear the same event in the same
   * transaction; a date that has moved on where the event means nothing is left as it is. The press is kept
   * on the record once, on the booking pressed (`recorded`: null for a press the database refused before).
   */
  async press(
    claims: LinkClaims,
    bookingId: string,
    event: BookingEvent,
    recorded: Recorded | null,
    now = new Date(),
    laterDates: string[] = [],
  ) {
    return this.bookings.transaction(async (em): Promise<Decision | 'used'> => {
      if (!(await this.links.consume(em, claims))) return 'used';
      const booking = await this.bookings.locked(em, bookingId);
      const decision = await this.move(em, booking, event, now, recorded ?? undefined, laterDates.length);
      if (decision.outcome === 'ignored') throw new Conflict(decision.reason);
      for (const later of laterDates) await this.applyWith(em, later, event, now);
      return decision;
    });
  }

  /** Decides `event` for a booking already locked in the caller's transaction (a series' dates). */
  async moveWith(em: EntityManager, booking: Booking, event: BookingEvent, now: Date): Promise<Decision> {
    return this.move(em, booking, event, now);
  }

  /** A booking whose ranking the directory did not answer tries again later, as a request does. */
  rankLater(em: EntityManager, booking: Booking, now: Date): void {
    this.retryRankingLater(em, booking, 1, now);
  }

  /**
   * A press after the database refused this request's first one: the refused attempt's changes are dropped
   * from the request's entities first, so that this one starts from what the database holds.
   */
  async pressAfterRefusal(claims: LinkClaims, bookingId: string, event: BookingEvent, now = new Date()) {
    this.bookings.forgetUnsaved();
    return this.press(claims, bookingId, event, null, now);
  }

  private async applyWith(em: EntityManager, bookingId: string, event: BookingEvent, now: Date) {
    return this.move(em, await this.bookings.locked(em, bookingId), event, now);
  }

  private async move(
    em: EntityManager,
    booking: Booking,
    event: BookingEvent,
    now: Date,
    recorded?: Recorded,
    laterDates = 0,
  ): Promise<Decision> {
    const decision = decide(factsOf(booking), event, this.settings, now);
    if (decision.outcome === 'ignored') return decision;
    const from = booking.state;
    const spaceId = recorded?.spaceId ?? booking.spaceId ?? booking.asked[0]?.spaceId ?? null;
    applyFacts(booking, decision.facts, now);
    this.bookings.addStep(em, booking, from, decision.cause, now);
    if (recorded) {
      const reason = 'reason' in event && event.reason ? `: ${event.reason}` : '';
      const later = laterDates ? ` (and ${laterDates} later dates)` : '';
      const detail = `${from} → ${booking.state}${reason}${later}`;
      this.record.add(em, recorded.by, recorded.action, { spaceId, bookingId: booking.id, detail });
    }
    await this.effects.carryOut(em, booking, decision.effects, now);
    return decision;
  }
}
