// Every query of bookings and their history, in one place: controllers, handlers and the workflow ask this,
// never the EntityManager. Reads go through the current context (the HTTP request's, or the inbox's
// transaction), so a handler reads in the transaction it acts in; writes take the transaction they belong to.
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode, type QueryBuilder } from '@mikro-orm/postgresql';
import type { BookingNeeds, LeftOut, RankedCandidate } from '@cocomo/contracts';
import { NotFound } from '@cocomo/platform';
import {
  FINAL_STATES,
  HOLDING_STATES,
  PLACED_STATES,
  type BookingState,
} from '../machine/booking-vocabulary';
import { BookingTransition } from './booking-transition.entity';
import { Booking } from './booking.entity';
import { BookingSeries } from './booking-series.entity';

/** What an organizer asks for: who they are, the event, and what it needs of a space. */
export interface NewBooking {
  organizer: { name: string; email: string };
  /** The organizer's language (English when the request named none). */
  locale?: string;
  title: string;
  description: string;
  needs: BookingNeeds;
  /** A date of a series: the series, its space (asked for every date), and the date in the space's zone. */
  series?: { id: string; date: string; spaceId: string | null };
  /** Spaces the directory's ranking left out for the time, by why (for the "no space found" mail). */
  leftOut?: LeftOut;
}

/** A booking and its steps, oldest first. */
export interface BookingWithHistory {
  booking: Booking;
  history: BookingTransition[];
}

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/** Countries an operator acts for (ISO 3166-1 codes); null: every country. */
type Countries = readonly string[] | null;

/**
 * A booking's countries: its space's; while it has none, those of the spaces whose hosts are asked now; while
 * none is asked, those of the spaces it was ranked to. One ranked to no space is of every country, as its
 * mails go to the dispatchers of every country.
 */
const OF_COUNTRIES = `(case
    when "space_snapshots" -> "space_id"::text is not null
      then upper("space_snapshots" -> "space_id"::text ->> 'country') = any(string_to_array(?, ','))
    when jsonb_array_length("asked") > 0
      then exists (select 1 from jsonb_array_elements("asked") as "one"
        where upper("space_snapshots" -> ("one" ->> 'spaceId') ->> 'country') = any(string_to_array(?, ',')))
    else "space_snapshots" = '{}'::jsonb or exists (select 1 from jsonb_each("space_snapshots") as "ranked"
      where upper("ranked"."value" ->> 'country') = any(string_to_array(?, ',')))
  end)`;

function ofCountries<T extends QueryBuilder<Booking>>(query: T, countries: Countries): T {
  if (countries === null) return query;
  const list = countries.map((code) => code.toUpperCase()).join(',');
  return query.andWhere(OF_COUNTRIES, [list, list, list]) as T;
}

@Injectable()
export class BookingRepository {
  constructor(private readonly em: EntityManager) {}

  /** Runs `work` in a transaction: what it writes through the EntityManager it is given commits together. */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.em.transactional(work);
  }

  /**
   * Drops what the current context holds of bookings: a transaction the database refused leaves its changes
   * on the entities it shared with the context, which the next transaction would otherwise write.
   */
  forgetUnsaved(): void {
    this.em.clear();
  }

  async find(id: string): Promise<Booking | null> {
    return this.em.findOne(Booking, { id });
  }

  /** The booking; NotFound when there is none. */
  async get(id: string): Promise<Booking> {
    const booking = await this.find(id);
    if (!booking) throw new NotFound('Booking', id);
    return booking;
  }

  /** The booking under a row lock for the rest of the transaction, so that its events are decided one by one. */
  async locked(em: EntityManager, id: string): Promise<Booking> {
    const booking = await em.findOne(Booking, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!booking) throw new NotFound('Booking', id);
    return booking;
  }

  /** Soonest first; in one state, or in any; of some countries (null: of every country). */
  async list(
    state: BookingState | undefined,
    limit: number,
    countries: Countries = null,
  ): Promise<Booking[]> {
    const query = this.em.createQueryBuilder(Booking).where(state ? { state } : {});
    return ofCountries(query, countries).orderBy({ start: 'asc' }).limit(limit).getResultList();
  }

  /**
   * The bookings in these states, soonest first, read afresh: a page shown again after an action that was
   * refused lists them as the database has them, not as that action loaded them.
   */
  async listed(
    states: readonly BookingState[],
    limit: number,
    countries: Countries = null,
  ): Promise<Booking[]> {
    const query = this.em
      .fork()
      .createQueryBuilder(Booking)
      .where({ state: { $in: [...states] } });
    return ofCountries(query, countries).orderBy({ start: 'asc', id: 'asc' }).limit(limit).getResultList();
  }

  /** Whether the booking is one of these countries' (false also when there is no such booking). */
  async isOfCountries(id: string, countries: readonly string[]): Promise<boolean> {
    const query = this.em.createQueryBuilder(Booking).select('id').where({ id });
    return (await ofCountries(query, countries).getResultList()).length > 0;
  }

  async withHistory(id: string): Promise<BookingWithHistory> {
    const booking = await this.get(id);
    const history = await this.em.find(
      BookingTransition,
      { booking: id },
      { orderBy: { version: 'asc', id: 'asc' } },
    );
    return { booking, history };
  }

  /** Stores a new booking in `requested`, with the first step of its history. */
  add(em: EntityManager, asked: NewBooking, ranked: RankedCandidate[] | null, now: Date): Booking {
    const booking = em.create(Booking, {
      id: randomUUID(),
      state: 'requested',
      version: 1,
      organizerName: asked.organizer.name,
      organizerEmail: asked.organizer.email,
      organizerLocale: asked.locale ?? 'en',
      title: asked.title,
      description: asked.description,
      start: new Date(asked.needs.start),
      end: new Date(asked.needs.end),
      needs: asked.needs,
      candidates: [],
      spaceSnapshots: Object.fromEntries((ranked ?? []).map((candidate) => [candidate.spaceId, candidate])),
      asked: [],
      seriesId: asked.series?.id ?? null,
      seriesDate: asked.series?.date ?? null,
      leftOut: asked.leftOut ?? null,
      createdAt: now,
      updatedAt: now,
    });
    this.addStep(em, booking, null, 'requested', now);
    return booking;
  }

  /** Stores a new series, asking its host; its dates are added as bookings beside it. */
  addSeries(
    em: EntityManager,
    series: Pick<BookingSeries, 'spaceId' | 'timezone' | 'recurrence'>,
    now: Date,
  ) {
    return em.create(BookingSeries, { id: randomUUID(), ...series, state: 'asking', createdAt: now });
  }

  async findSeries(id: string): Promise<BookingSeries | null> {
    return this.em.findOne(BookingSeries, { id });
  }

  /** The series under a row lock, so that its host's answer is decided once. */
  async lockedSeries(em: EntityManager, id: string): Promise<BookingSeries> {
    const series = await em.findOne(BookingSeries, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!series) throw new NotFound('Series', id);
    return series;
  }

  /** The bookings of a series' dates, the first date first, read afresh (or as a transaction sees them). */
  async datesOf(seriesId: string, em: EntityManager = this.em.fork()): Promise<Booking[]> {
    return em.find(Booking, { seriesId }, { orderBy: { start: 'asc' } });
  }

  /** A step of the booking's history, at the version the booking has now. */
  addStep(em: EntityManager, booking: Booking, from: string | null, cause: string, now: Date): void {
    em.create(BookingTransition, {
      booking,
      version: booking.version,
      at: now,
      from,
      to: booking.state,
      cause,
    });
  }

  /**
   * When the booking reached `version` (a step already written); undefined for a version it never had. Read
   * straight, not through the unit of work: a find would first flush the transaction's pending steps and
   * messages, and the transaction's own flush then writes the rest in statements of their own.
   */
  async reachedAt(em: EntityManager, bookingId: string, version: number): Promise<Date | undefined> {
    const [row]: { at: Date }[] = await em.execute(
      `select "at" from "bookings"."booking_transition" where "booking_id" = ? and "version" = ? limit 1`,
      [bookingId, version],
    );
    return row ? new Date(row.at) : undefined;
  }

  /** The spaces a community has met at, or is placed at now (the community's name in any case). */
  async spacesUsedBy(community: string): Promise<string[]> {
    return (await this.candidateFilters(community, null)).usedBy;
  }

  /** For each time, whether the space holds another event at some moment of it. */
  async clashesAt(spaceId: string, times: { start: Date; end: Date }[]): Promise<boolean[]> {
    return Promise.all(
      times.map(async ({ start, end }) =>
        (await this.spacesHeldDuring(start.toISOString(), end.toISOString())).includes(spaceId),
      ),
    );
  }

  /** The spaces that hold another event at some moment of [start, end). */
  async spacesHeldDuring(start: string, end: string): Promise<string[]> {
    return (await this.candidateFilters(null, { start, end })).heldDuring;
  }

  /**
   * Both of the above in one statement, as a booking request asks for both: the spaces the community used,
   * and those holding another event during [start, end).
   */
  async candidateFilters(
    community: string | null,
    during: { start: string; end: string } | null,
  ): Promise<{ usedBy: string[]; heldDuring: string[] }> {
    const rows: { kind: 'used' | 'held'; space_id: string }[] = await this.em.execute(
      `select distinct 'used' as "kind", "space_id" from "bookings"."booking"
       where ?::text is not null and lower("needs"->>'community') = lower(?) and "space_id" is not null
         and "state" in (${placeholders(PLACED_STATES)})
       union all
       select distinct 'held' as "kind", "space_id" from "bookings"."booking"
       where ?::timestamptz is not null
         and "state" in (${placeholders(HOLDING_STATES)}) and "during" && tstzrange(?, ?, '[)')`,
      [
        community,
        community,
        ...PLACED_STATES,
        during?.start ?? null,
        ...HOLDING_STATES,
        during?.start ?? null,
        during?.end ?? null,
      ],
    );
    const of = (kind: string) => rows.filter((row) => row.kind === kind).map((row) => row.space_id);
    return { usedBy: of('used'), heldDuring: of('held') };
  }

  /** The bookings a space holds now, or whose host is asked and has not answered: what its retirement ends. */
  async openAt(spaceId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.em.execute(
      `select "id" from "bookings"."booking"
       where ("space_id" = ? and "state" in (${placeholders(HOLDING_STATES)}))
          or "asked" @> ?::jsonb`,
      [spaceId, ...HOLDING_STATES, JSON.stringify([{ spaceId }])],
    );
    return rows.map((row) => row.id);
  }

  /** The bookings not over yet that keep the space in their snapshots (it was ranked, asked or holds them). */
  async notFinalWithSnapshotOf(spaceId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.em.execute(
      `select "id" from "bookings"."booking"
       where jsonb_exists("space_snapshots", ?) and "state" not in (${placeholders(FINAL_STATES)})`,
      [spaceId, ...FINAL_STATES],
    );
    return rows.map((row) => row.id);
  }
}
