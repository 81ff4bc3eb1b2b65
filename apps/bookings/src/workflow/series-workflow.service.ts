// A recurring series: one request, one conversation with one host, a booking per date. The request is placed
// at a space (the named one, or the best ranked whose dates are not all booked), its dates expanded in that
// space's zone and stored waiting in `requested`, and one mail asks the host for all of them. The host's answer
// confirms each date taken and sends each date left to the ranking, one by one, as any request; from then on
// every date runs the booking machine on its own.
import { Inject, Injectable } from '@nestjs/common';
import type { Environment } from '@cocomo/config';
import { audienceOf, bookingTimerDue, notifyEmail, type RankedCandidate } from '@cocomo/contracts';
import { ActionLinks, type LinkClaims } from '@cocomo/links';
import { Outbox, QueryTimeoutError, Timers } from '@cocomo/messaging';
import { ActionRecord, Conflict, ENVIRONMENT, InvalidInput, type Actor } from '@cocomo/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Booking } from '../bookings/booking.entity';
import type { BookingEvent } from '../machine/booking-vocabulary';
import type { BookingSeries } from '../bookings/booking-series.entity';
import { BookingRepository, type NewBooking } from '../bookings/booking.repository';
import { recurrenceProblems, seriesDates, type Recurrence, type SeriesDate } from '../series/recurrence';
import { ORGANIZER_VIEW, ORGANIZER_VIEW_AFTER_END_MS } from './booking-links';
import { bookingCalendar, bookingMail, mailButton, readerLocale, seriesUid } from './booking-mails';
import { seriesCalendarEntry } from '../series/series-calendar';
import { BookingWorkflow } from './booking-workflow.service';
import { CandidateSearch } from './candidate-search';
import { namedSpaceIn } from './named-space';
import { HOST_SERIES_ACTIONS, SERIES_ACTIONS_PATH, seriesSubject } from './series-links';

/** Where a series is asked: its space (none when the directory ranked none), its zone, its dates. */
interface Placement {
  space?: RankedCandidate;
  zone: string;
  dates: SeriesDate[];
  clashes: boolean[];
}

export interface StartedSeries {
  series: BookingSeries;
  dates: Booking[];
  clashes: boolean[];
}

@Injectable()
export class SeriesWorkflow {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly workflow: BookingWorkflow,
    private readonly search: CandidateSearch,
    private readonly outbox: Outbox,
    private readonly links: ActionLinks,
    private readonly timers: Timers,
    private readonly record: ActionRecord,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  /**
   * Checks the recurrence in the zone of the space it is asked of, and stores the series and its dates with
   * the mails to its host and its organizer, in one transaction. Refused (InvalidInput) before anything is
   * stored when the rule is wrong, or when every date clashes with another booking of the space.
   */
  async request(
    request: NewBooking,
    recurrence: Recurrence,
    ranked: RankedCandidate[],
    now = new Date(),
  ): Promise<StartedSeries> {
    const placement = await this.place(request, recurrence, ranked);
    const { space, zone, dates, clashes } = placement;
    return this.bookings.transaction(async (em) => {
      const series = this.bookings.addSeries(
        em,
        { spaceId: space?.spaceId ?? null, timezone: zone, recurrence },
        now,
      );
      // The spaces ranked besides the series' own stay each date's candidates: its fallback, after a late denial.
      const others = ranked.map((candidate) => candidate.spaceId).filter((id) => id !== space?.spaceId);
      const stored = dates.map((date) =>
        this.workflow.store(
          em,
          {
            ...request,
            needs: { ...request.needs, start: date.start.toISOString(), end: date.end.toISOString() },
            series: { id: series.id, date: date.date, spaceId: series.spaceId },
          },
          ranked,
          now,
        ),
      );
      for (const booking of stored) booking.candidates = [...others];
      if (!space) {
        // No space to ask for the series: each date is unplaced as a request would be, operators told.
        for (const booking of stored) {
          await this.workflow.moveWith(em, booking, { type: 'candidatesRanked', candidates: [] }, now);
        }
      } else {
        this.ask(em, series, space, stored, clashes, now);
      }
      return { series, dates: stored, clashes };
    });
  }

  /**
   * The host answered the series: the dates `taken` are confirmed at its space, the others ranked again (each
   * at its own time, without the series' space) and their next space asked. 'used' when the link was used
   * already; Conflict when the series was answered meanwhile (by another of its links). The answer is kept on
   * the record once, on the series.
   */
  async answer(claims: LinkClaims, by: Actor, seriesId: string, taken: readonly string[], now = new Date()) {
    const { spaceId, waiting, rankings } = await this.beforeAnswer(seriesId, taken);
    return this.bookings.transaction(async (em): Promise<'answered' | 'used'> => {
      if (!(await this.links.consume(em, claims))) return 'used';
      const locked = await this.bookings.lockedSeries(em, seriesId);
      if (locked.state !== 'asking') throw new Conflict(`series ${seriesId} was answered already`);
      await this.settle(em, locked, spaceId, waiting, taken, rankings, now);
      const action = HOST_SERIES_ACTIONS.find((name) => name === claims.action) ?? 'series-choose';
      const detail = `${taken.length} of ${waiting.length} dates taken`;
      this.record.add(em, by, action, { spaceId, bookingId: seriesId, detail });
      return 'answered';
    });
  }

  /** The organizer's link that cancels every date of the series while its host has not answered. */
  cancelLink(seriesId: string, spaceId: string, organizerEmail: string): string {
    return this.links.issue(SERIES_ACTIONS_PATH, {
      subject: seriesSubject(seriesId, spaceId),
      action: 'series-cancel',
      recipient: organizerEmail,
    }).url;
  }

  /**
   * The organizer cancels the series before its host answered: every date still waiting is cancelled (each
   * with its usual mails), the host's links stop acting, and the host hears once that the series is off.
   * 'used' when the link was used already; Conflict when the host answered meanwhile.
   */
  async cancel(
    claims: LinkClaims,
    by: Actor,
    seriesId: string,
    now = new Date(),
  ): Promise<'cancelled' | 'used'> {
    return this.bookings.transaction(async (em) => {
      if (!(await this.links.consume(em, claims))) return 'used';
      const locked = await this.bookings.lockedSeries(em, seriesId);
      if (locked.state !== 'asking') throw new Conflict(`series ${seriesId} was answered already`);
      locked.state = 'cancelled';
      locked.answeredAt = now;
      await this.timers.stopFor(em, locked.id);
      const cancelled: Booking[] = [];
      for (const date of await this.bookings.datesOf(seriesId)) {
        const booking = await this.bookings.locked(em, date.id);
        if (booking.state !== 'requested') continue;
        await this.workflow.moveWith(em, booking, { type: 'organizerCancelled' }, now);
        cancelled.push(booking);
      }
      const detail = `${cancelled.length} dates cancelled`;
      this.record.add(em, by, 'series-cancel', { spaceId: locked.spaceId, bookingId: seriesId, detail });
      const [first] = cancelled;
      const host = locked.spaceId ? first?.spaceSnapshots[locked.spaceId]?.host : undefined;
      if (first && host) {
        const series = {
          dates: cancelled.map((date) => ({
            start: date.start.toISOString(),
            end: date.end.toISOString(),
            clashes: false,
          })),
        };
        this.outbox.add(
          em,
          notifyEmail,
          bookingMail('booking-host-cancelled', host, first, { spaceId: locked.spaceId!, series }),
        );
      }
      return 'cancelled';
    });
  }

  /**
   * The host stayed silent until the escalation: every date still waiting goes to the other ranked spaces one by
   * one, as after a decline; the host's links no longer act. Nothing when the series was answered meanwhile.
   */
  async silent(seriesId: string, now = new Date()): Promise<void> {
    const { spaceId, waiting, rankings } = await this.beforeAnswer(seriesId, []);
    await this.bookings.transaction(async (em) => {
      const locked = await this.bookings.lockedSeries(em, seriesId);
      if (locked.state !== 'asking') return;
      await this.settle(em, locked, spaceId, waiting, [], rankings, now, true);
    });
  }

  /** The series' dates still waiting, and a ranking for each date the host did not take (null: no answer). */
  private async beforeAnswer(seriesId: string, taken: readonly string[]) {
    const series = await this.bookings.findSeries(seriesId);
    if (!series?.spaceId) throw new Conflict(`series ${seriesId} asks no host`);
    const waiting = (await this.bookings.datesOf(seriesId)).filter((date) => date.state === 'requested');
    const rankings = new Map<string, RankedCandidate[] | null>();
    for (const date of waiting.filter((booking) => !taken.includes(booking.seriesDate ?? ''))) {
      rankings.set(date.id, await this.rankOrNull(date));
    }
    return { spaceId: series.spaceId, waiting, rankings };
  }

  private async settle(
    em: EntityManager,
    locked: BookingSeries,
    spaceId: string,
    waiting: Booking[],
    taken: readonly string[],
    rankings: Map<string, RankedCandidate[] | null>,
    now: Date,
    silent = false,
  ): Promise<void> {
    locked.state = 'answered';
    locked.answeredAt = now;
    await this.timers.stopFor(em, locked.id);
    const held: Booking[] = [];
    let first: Booking | undefined;
    for (const date of waiting) {
      const booking = await this.bookings.locked(em, date.id);
      first ??= booking;
      if (booking.state !== 'requested') continue;
      if (taken.includes(booking.seriesDate ?? '')) {
        // A date taken is a date of the series' calendar entry from its confirmation on (BookingEffects).
        locked.calendarStarts = {
          ...locked.calendarStarts,
          [booking.seriesDate!]: booking.start.toISOString(),
        };
        await this.workflow.moveWith(em, booking, { type: 'seriesAccepted', spaceId }, now);
        held.push(booking);
        continue;
      }
      const ranked = rankings.get(booking.id);
      if (!ranked) {
        this.workflow.rankLater(em, booking, now);
        continue;
      }
      booking.spaceSnapshots = {
        ...booking.spaceSnapshots,
        ...Object.fromEntries(ranked.map((candidate) => [candidate.spaceId, candidate])),
      };
      const candidates = ranked.map((candidate) => candidate.spaceId);
      // A silent host did not answer: the metrics hear no answer from it, only the spaces asked next.
      const event: BookingEvent = silent
        ? { type: 'candidatesRanked', candidates: candidates.filter((id) => id !== spaceId) }
        : { type: 'seriesDateLeft', spaceId, candidates };
      await this.workflow.moveWith(em, booking, event, now);
    }
    if (first && held.length) this.confirmSeries(em, locked, spaceId, first, held);
  }

  /**
   * The organizer and the host hear which dates the series holds at the space, with one calendar entry for
   * them all: the series' rule from its first date still waiting, each other date of the rule an EXDATE. The
   * dates' own confirmations carry no entry (BookingEffects), so that no calendar has a date twice.
   */
  private confirmSeries(
    em: EntityManager,
    series: BookingSeries,
    spaceId: string,
    first: Booking,
    held: Booking[],
  ): void {
    // The series' one entry, described in the language of the mail that carries it.
    const calendarIn = (locale: string) => {
      const base = bookingCalendar(held[0], 'REQUEST', spaceId, locale)!;
      const { method: _method, start: _start, end: _end, recurrence: _rule, ...facts } = base;
      const entry = seriesCalendarEntry({
        ...facts,
        uid: seriesUid(series.id),
        sequence: series.calendarSequence,
        timeZone: series.timezone,
        recurrence: series.recurrence,
        first: { start: first.start, end: first.end },
        dates: held.map((date) => date.seriesDate!),
      });
      return { ...entry, method: 'REQUEST' as const };
    };
    const listed = {
      dates: held.map((date) => ({
        start: date.start.toISOString(),
        end: date.end.toISOString(),
        clashes: false,
      })),
    };
    const host = held[0].spaceSnapshots[spaceId].host;
    const organizer = { email: held[0].organizerEmail, name: held[0].organizerName };
    for (const [template, to] of [
      ['booking-organizer-series-confirmed', organizer],
      ['booking-host-series-confirmed', host],
    ] as const) {
      this.outbox.add(
        em,
        notifyEmail,
        bookingMail(template, to, held[0], {
          spaceId,
          series: listed,
          calendar: calendarIn(
            readerLocale(held[0], audienceOf(template), spaceId, this.env.OPERATOR_LOCALE),
          ),
        }),
      );
    }
  }

  private async rankOrNull(booking: Booking): Promise<RankedCandidate[] | null> {
    try {
      return await this.search.rank(booking.needs);
    } catch (error) {
      if (!(error instanceof QueryTimeoutError)) throw error;
      return null;
    }
  }

  /** The series' space: the one named, else the best ranked at which not every date is booked already. */
  private async place(
    request: NewBooking,
    recurrence: Recurrence,
    ranked: RankedCandidate[],
  ): Promise<Placement> {
    const { needs } = request;
    const start = new Date(needs.start);
    const end = new Date(needs.end);
    const expand = (zone: string) => {
      const problems = recurrenceProblems(recurrence, start, zone);
      if (problems.length) throw new InvalidInput(problems);
      return seriesDates(recurrence, start, end, zone);
    };
    const spaces = needs.spaceId ? [namedSpaceIn(ranked, needs, needs.spaceId)] : ranked;
    if (!spaces.length) {
      const dates = expand('UTC');
      return { zone: 'UTC', dates, clashes: dates.map(() => false) };
    }
    for (const space of spaces) {
      const dates = expand(space.timezone);
      const clashes = await this.bookings.clashesAt(space.spaceId, dates);
      if (!clashes.every(Boolean)) return { space, zone: space.timezone, dates, clashes };
    }
    throw new InvalidInput([
      {
        field: 'recurrence',
        code: 'every_date_clashes',
        problem: needs.spaceId
          ? `every date of the series clashes with another booking at ${spaces[0].name}`
          : 'every date of the series clashes with another booking at each space that fits',
      },
    ]);
  }

  /**
   * The series' space changed hands while its host had not answered: the new host gets the series' request,
   * with links of their own, to answer by the old host's deadline (the escalation's timer stays as it was).
   * Nothing once the series was answered or cancelled.
   */
  async askNewHost(em: EntityManager, seriesId: string, spaceId: string): Promise<void> {
    const series = await this.bookings.lockedSeries(em, seriesId);
    if (series.state !== 'asking' || series.spaceId !== spaceId) return;
    // Read in the caller's transaction: the dates learned the new host in it.
    const dates = (await this.bookings.datesOf(seriesId, em)).filter((date) => date.state === 'requested');
    const host = dates[0]?.spaceSnapshots[spaceId]?.host;
    if (!host) return;
    const clashes = await this.bookings.clashesAt(spaceId, dates);
    const respondBy = new Date(series.createdAt.getTime() + this.env.BOOKING_ESCALATE_AFTER);
    this.mailSeriesHost(em, series, spaceId, host, dates, clashes, respondBy);
  }

  /** The host's one mail for every date, with its buttons (accept all, choose dates, decline); the dates listed. */
  private mailSeriesHost(
    em: EntityManager,
    series: BookingSeries,
    spaceId: string,
    host: { name: string; email: string },
    dates: Booking[],
    clashes: boolean[],
    respondBy: Date,
  ) {
    const listed = {
      dates: dates.map((date, index) => ({
        start: date.start.toISOString(),
        end: date.end.toISOString(),
        clashes: clashes[index],
      })),
    };
    const locale = readerLocale(dates[0], 'host', spaceId, this.env.OPERATOR_LOCALE);
    const actions = HOST_SERIES_ACTIONS.map((action) =>
      mailButton(
        locale,
        action,
        this.links.issue(SERIES_ACTIONS_PATH, {
          subject: seriesSubject(series.id, spaceId),
          action,
          recipient: host.email,
        }).url,
      ),
    );
    this.outbox.add(
      em,
      notifyEmail,
      bookingMail('booking-host-series-request', host, dates[0], {
        spaceId,
        respondBy,
        actions,
        series: listed,
      }),
    );
    return listed;
  }

  /** One mail asks the host for every date; the organizer hears that it was asked, with the status link. */
  private ask(
    em: EntityManager,
    series: BookingSeries,
    space: RankedCandidate,
    dates: Booking[],
    clashes: boolean[],
    now: Date,
  ): void {
    const [first] = dates;
    // A host silent until the escalation answers nothing: the dates go to other spaces, as after a decline.
    const respondBy = new Date(now.getTime() + this.env.BOOKING_ESCALATE_AFTER);
    this.timers.set(
      em,
      bookingTimerDue,
      { bookingId: first.id, timer: 'seriesEscalation', version: first.version, seriesId: series.id },
      { id: `${series.id}-seriesEscalation`, subject: series.id, dueAt: respondBy },
    );
    const listed = this.mailSeriesHost(em, series, space.spaceId, space.host, dates, clashes, respondBy);
    const last = dates[dates.length - 1];
    const { token } = this.links.sign(
      { subject: first.id, action: ORGANIZER_VIEW, recipient: first.organizerEmail },
      new Date(last.end.getTime() + ORGANIZER_VIEW_AFTER_END_MS),
    );
    this.outbox.add(
      em,
      notifyEmail,
      bookingMail(
        'booking-organizer-series-asked',
        { email: first.organizerEmail, name: first.organizerName },
        first,
        {
          spaceId: space.spaceId,
          actions: [
            mailButton(
              first.organizerLocale,
              ORGANIZER_VIEW,
              `${this.env.PUBLIC_BASE_URL}/api/bookings/${first.id}?token=${token}`,
            ),
            mailButton(
              first.organizerLocale,
              'series-cancel',
              this.cancelLink(series.id, space.spaceId, first.organizerEmail),
            ),
          ],
          series: listed,
        },
      ),
    );
  }
}
