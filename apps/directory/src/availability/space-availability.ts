// Whether spaces can be asked for a time: their host's availability (hours, closures, pause, monthly cap) and
// the bookings the directory learned of from the booking events. The one place ranking, the urgent fan-out,
// a named space and the search ask.
import { Injectable } from '@nestjs/common';
import type { Space } from '../spaces/space.entity';
import { monthOf, unavailability, type Unavailability } from './availability';
import { BookedTimes } from './booked-times';

const LONGEST_MONTH_MS = 32 * 86_400_000;

@Injectable()
export class SpaceAvailability {
  constructor(private readonly booked: BookedTimes) {}

  /** Why each space cannot be asked from `start` to `end`; a space that can is not in the map. */
  async whyNot(
    spaces: Space[],
    start: Date,
    end: Date,
    now = new Date(),
  ): Promise<Map<string, Unavailability>> {
    const ids = spaces.map((space) => space.id);
    // Only a monthly cap needs the requests a space was sent.
    const capped = spaces.filter((space) => space.availability.monthlyCap !== null).map((space) => space.id);
    const [booked, asked] = await Promise.all([
      this.booked.bookedDuring(ids, start, end),
      this.booked.askedSince(capped, new Date(now.getTime() - LONGEST_MONTH_MS)),
    ]);
    const refused = new Map<string, Unavailability>();
    for (const space of spaces) {
      const requestsThisMonth = space.availability.monthlyCap === null ? 0 : this.inMonth(asked, space, now);
      const why = unavailability(space.availability, start, end, {
        zone: space.timezone,
        now,
        requestsThisMonth,
        booked: booked.has(space.id),
      });
      if (why) refused.set(space.id, why);
    }
    return refused;
  }

  /** The requests the space was sent in the calendar month of `now`, in its zone (asked only under a cap). */
  private inMonth(asked: Map<string, Date[]>, space: Space, now: Date): number {
    const month = monthOf(now, space.timezone);
    return (asked.get(space.id) ?? []).filter((at) => at >= month.start && at < month.end).length;
  }
}
