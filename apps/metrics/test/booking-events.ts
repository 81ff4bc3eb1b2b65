// Builds the events a booking's life publishes, as the bookings and directory services publish them, for the
// projection unit tests and the integration tests alike.
import type { LoggedEvent } from '../src/projections/booking-record';

export interface StoryOptions {
  community?: string;
  requestedAt?: string;
  eventStart?: string;
  hours?: number;
  spaceId?: string;
  country?: string;
  pricingModel?: 'free' | 'paid';
}

const HOUR = 3_600_000;
const plus = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * HOUR).toISOString();

/** A fluent story of one booking: each call adds the event of one step, `hoursLater` after the last one. */
export class BookingStory {
  readonly events: LoggedEvent[] = [];
  private clock: string;
  readonly base: {
    bookingId: string;
    community: string;
    eventStart: string;
    eventEnd: string;
  };
  private space: { spaceId: string; country: string; pricingModel: 'free' | 'paid' };

  constructor(bookingId: string, options: StoryOptions = {}) {
    const requestedAt = options.requestedAt ?? '2026-03-02T10:00:00.000Z';
    const eventStart = options.eventStart ?? plus(requestedAt, 24 * 14);
    this.clock = requestedAt;
    this.base = {
      bookingId,
      community: options.community ?? 'Berlin Rust',
      eventStart,
      eventEnd: plus(eventStart, options.hours ?? 3),
    };
    this.space = {
      spaceId: options.spaceId ?? 'space-1',
      country: options.country ?? 'DE',
      pricingModel: options.pricingModel ?? 'free',
    };
  }

  private add(name: string, payload: object, hoursLater: number): this {
    this.clock = plus(this.clock, hoursLater);
    this.events.push({ name, occurredAt: this.clock, payload: { ...this.base, at: this.clock, ...payload } });
    return this;
  }

  at(spaceId: string, country = this.space.country, pricingModel = this.space.pricingModel): this {
    this.space = { spaceId, country, pricingModel };
    return this;
  }

  requested(): this {
    return this.add('booking.requested', { expectedAttendees: 30, candidates: 3 }, 0);
  }
  asked(hoursLater = 0): this {
    return this.add('booking.host-asked', this.space, hoursLater);
  }
  answered(accepted: boolean, hoursToAnswer: number): this {
    this.add('booking.host-answered', { ...this.space, accepted, hoursToAnswer }, hoursToAnswer);
    return accepted ? this.add('booking.confirmed', this.space, 0) : this;
  }
  /** A decline that says why, or offers other times (`offers` of them). */
  declined(hoursToAnswer: number, answer: { reason?: string; offers?: number } = {}): this {
    return this.add(
      'booking.host-answered',
      { ...this.space, accepted: false, hoursToAnswer, ...answer },
      hoursToAnswer,
    );
  }
  /** The organizer takes a time the current space's host offered: confirmed there, at that time. */
  offerTaken(hoursLater = 1, offerId = '3.1'): this {
    return this.add('booking.offer-taken', { ...this.space, offerId }, hoursLater).add(
      'booking.confirmed',
      this.space,
      0,
    );
  }
  escalated(hoursLater = 48): this {
    return this.add('booking.escalated', this.space, hoursLater);
  }
  lateDenial(hoursLater = 1): this {
    return this.add('booking.late-denial', this.space, hoursLater).add('booking.fallback-started', {}, 0);
  }
  rescued(hoursLater = 1): this {
    return this.add('booking.rescued', this.space, hoursLater);
  }
  unplaced(hoursLater = 1): this {
    return this.add('booking.unplaced', {}, hoursLater);
  }
  cancelled(by: 'organizer' | 'operator', hoursLater = 1): this {
    return this.add('booking.cancelled', { by }, hoursLater);
  }
  held(
    report: { attendance?: number; newcomers?: number; amountPaid?: number; marketCost?: number | null } = {},
  ) {
    this.clock = this.base.eventEnd;
    return this.add(
      'booking.held',
      {
        ...this.space,
        attendance: report.attendance ?? 30,
        newcomers: report.newcomers ?? 10,
        ageGroups: { '18to24': 10, '25to34': 20 },
        amountPaid: report.amountPaid ?? 0,
        marketCost: report.marketCost === undefined ? 100 : report.marketCost,
        currency: report.marketCost === null ? null : 'EUR',
      },
      3,
    );
  }
  notHeld(): this {
    this.clock = this.base.eventEnd;
    return this.add('booking.not-held', {}, 3);
  }
}

export const booking = (id: string, options?: StoryOptions) => new BookingStory(id, options);

/** The directory's events for a space registered and approved at `approvedAt`. */
export function approvedSpace(
  spaceId: string,
  options: { country?: string; pricingModel?: 'free' | 'paid'; approvedAt?: string } = {},
): LoggedEvent[] {
  const facts = {
    spaceId,
    name: `Space ${spaceId}`,
    kind: 'hackerspace',
    city: 'Berlin',
    country: options.country ?? 'DE',
    timezone: 'Europe/Berlin',
    capacity: 40,
    pricingModel: options.pricingModel ?? 'free',
    marketRate: { amount: 300, currency: 'EUR', per: 'day' },
  };
  const approvedAt = options.approvedAt ?? '2026-01-05T09:00:00.000Z';
  return [
    {
      name: 'space.registered',
      occurredAt: plus(approvedAt, -24),
      payload: { ...facts, host: { name: 'Host', email: 'host@example.org' } },
    },
    { name: 'space.approved', occurredAt: approvedAt, payload: { ...facts, approvedAt } },
  ];
}
