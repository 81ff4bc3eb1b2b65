// Runs a booking through the machine: each event is decided on the locked booking, and the new facts, the
// history step and the effects' messages and timers commit together.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Environment } from '@cocomo/config';
import { bookingRequested, bookingTimerDue, type RankedCandidate } from '@cocomo/contracts';
import { Outbox, Timers } from '@cocomo/messaging';
import { ENVIRONMENT, NotFound } from '@cocomo/platform';
import { applyFacts, factsOf } from '../bookings/booking-facts';
import { BookingTransition } from '../bookings/booking-transition.entity';
import { Booking } from '../bookings/booking.entity';
import { decide, type BookingEvent, type Decision, type MachineSettings } from '../machine/booking-machine';
import type { BookingRequest } from '../requests/booking-request.dto';
import { BookingEffects } from './booking-effects';
import { machineSettings } from './machine-settings';

@Injectable()
export class BookingWorkflow {
  private readonly settings: MachineSettings;
  private readonly rankingRetryMs: number;

  constructor(
    private readonly em: EntityManager,
    private readonly effects: BookingEffects,
    private readonly outbox: Outbox,
    private readonly timers: Timers,
    @Inject(ENVIRONMENT) env: Environment,
  ) {
    this.settings = machineSettings(env);
    this.rankingRetryMs = env.BOOKING_RANKING_RETRY;
  }

  /**
   * Stores the organizer's request and asks the first of the ranked spaces, in one transaction. Without an
   * answer from the directory (`ranked` null) the request waits in `requested` and the ranking is retried.
   */
  async start(request: BookingRequest, ranked: RankedCandidate[] | null, now = new Date()): Promise<Booking> {
    return this.em.transactional(async (em) => {
      const booking = em.create(Booking, {
        id: randomUUID(),
        state: 'requested',
        version: 1,
        organizerName: request.organizer.name,
        organizerEmail: request.organizer.email,
        community: request.organizer.community,
        title: request.event.title,
        description: request.event.description,
        start: request.event.start,
        end: request.event.end,
        expectedAttendees: request.event.expectedAttendees,
        needs: request.event.needs,
        requestedSpaceId: request.spaceId ?? null,
        nearLatitude: request.near?.latitude ?? null,
        nearLongitude: request.near?.longitude ?? null,
        nearRadiusKm: request.near?.radiusKm ?? null,
        candidates: [],
        spaceSnapshots: Object.fromEntries((ranked ?? []).map((candidate) => [candidate.spaceId, candidate])),
        asked: [],
        createdAt: now,
        updatedAt: now,
      });
      em.create(BookingTransition, {
        booking,
        version: 1,
        at: now,
        from: null,
        to: 'requested',
        cause: 'requested',
      });
      this.outbox.add(em, bookingRequested, {
        bookingId: booking.id,
        community: booking.community,
        at: now.toISOString(),
        eventStart: booking.start.toISOString(),
        eventEnd: booking.end.toISOString(),
        expectedAttendees: booking.expectedAttendees,
        candidates: ranked?.length ?? 0,
      });
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

  /** The directory answered a retried ranking: the booking asks its first space now. */
  async ranked(bookingId: string, ranked: RankedCandidate[], now = new Date()): Promise<Decision> {
    return this.em.transactional(async (em) => {
      const booking = await this.locked(em, bookingId);
      booking.spaceSnapshots = Object.fromEntries(ranked.map((candidate) => [candidate.spaceId, candidate]));
      const candidates = ranked.map((candidate) => candidate.spaceId);
      return this.move(em, booking, { type: 'candidatesRanked', candidates }, now);
    });
  }

  /** Tries the directory again after a back-off that doubles with each attempt. */
  async retryRanking(bookingId: string, attempt: number, now = new Date()): Promise<void> {
    await this.em.transactional(async (em) =>
      this.retryRankingLater(em, await this.locked(em, bookingId), attempt, now),
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
  async assign(bookingId: string, space: RankedCandidate, now = new Date()): Promise<Decision> {
    return this.em.transactional(async (em) => {
      const booking = await this.locked(em, bookingId);
      booking.spaceSnapshots = { ...booking.spaceSnapshots, [space.spaceId]: space };
      return this.move(em, booking, { type: 'operatorAssigned', spaceId: space.spaceId }, now);
    });
  }

  /** Decides `event` for the booking in a transaction of its own. */
  async apply(bookingId: string, event: BookingEvent, now = new Date()): Promise<Decision> {
    return this.em.transactional((em) => this.applyWith(em, bookingId, event, now));
  }

  /** Decides `event` inside the caller's transaction (for example with the link that caused it). */
  async applyWith(
    em: EntityManager,
    bookingId: string,
    event: BookingEvent,
    now = new Date(),
  ): Promise<Decision> {
    return this.move(em, await this.locked(em, bookingId), event, now);
  }

  private async locked(em: EntityManager, bookingId: string): Promise<Booking> {
    const booking = await em.findOne(Booking, { id: bookingId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!booking) throw new NotFound('Booking', bookingId);
    return booking;
  }

  private async move(em: EntityManager, booking: Booking, event: BookingEvent, now: Date): Promise<Decision> {
    const decision = decide(factsOf(booking), event, this.settings, now);
    if (decision.outcome === 'ignored') return decision;
    const from = booking.state;
    const asked = booking.asked;
    applyFacts(booking, decision.facts, now);
    em.create(BookingTransition, {
      booking,
      version: booking.version,
      at: now,
      from,
      to: booking.state,
      cause: decision.cause,
    });
    await this.effects.carryOut(em, booking, decision.effects, now, { event, asked });
    return decision;
  }
}
