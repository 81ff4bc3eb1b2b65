// Answers the metrics API from the records: the seed's metrics for a period and country, and their series.
import { Inject, Injectable } from '@nestjs/common';
import type { Environment } from '@cocomo/config';
import { ENVIRONMENT, InvalidInput } from '@cocomo/platform';
import { seedMetrics, type SeedMetrics } from '../projections/seed-metrics';
import { stuckBookings, type StuckBooking } from '../projections/stuck-bookings';
import {
  nextSlice,
  SERIES_NAMES,
  sliceStart,
  slices,
  timeseries,
  type Interval,
  type SeriesPoint,
} from '../projections/timeseries';
import { RecordsReader } from '../records/records.reader';

/** A series shows this many slices unless `from` says otherwise, and never more than the most. */
const DEFAULT_SLICES = 12;
const MOST_SLICES = 260;

export interface Scope {
  from?: Date;
  to?: Date;
  country?: string;
}

@Injectable()
export class MetricsService {
  constructor(
    private readonly records: RecordsReader,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  async summary(scope: Scope): Promise<SeedMetrics> {
    const [spaces, bookings] = await Promise.all([this.records.spaces(), this.records.bookings()]);
    return seedMetrics(spaces, bookings, {
      from: scope.from ?? null,
      to: scope.to ?? new Date(),
      country: scope.country ?? null,
    });
  }

  async series(
    scope: Scope & { metric?: string; interval: Interval },
  ): Promise<{ interval: Interval; from: string; to: string; series: Record<string, SeriesPoint[]> }> {
    const to = scope.to ?? nextSlice(sliceStart(new Date(), scope.interval), scope.interval);
    let from = scope.from;
    if (!from) {
      from = sliceStart(to, scope.interval);
      for (let i = 1; i < DEFAULT_SLICES; i++)
        from = sliceStart(new Date(from.getTime() - 1), scope.interval);
    }
    if (slices(from, to, scope.interval).length > MOST_SLICES) {
      const problem =
        scope.interval === 'week'
          ? `gives more than ${MOST_SLICES} weeks: choose a shorter period`
          : `gives more than ${MOST_SLICES} months: choose a shorter period`;
      throw new InvalidInput([{ field: 'from', problem }]);
    }
    const names = scope.metric ? [...new Set(scope.metric.split(','))] : SERIES_NAMES;
    const [spaces, bookings] = await Promise.all([this.records.spaces(), this.records.bookings()]);
    const series = timeseries(
      names,
      spaces,
      bookings,
      { from, to, country: scope.country ?? null },
      scope.interval,
    );
    return { interval: scope.interval, from: from.toISOString(), to: to.toISOString(), series };
  }

  /** Bookings an operator should look at now. */
  async stuck(now = new Date()): Promise<StuckBooking[]> {
    const overdueAfter = this.env.BOOKING_REPORT_AFTER + this.env.BOOKING_REPORT_REMINDER_AFTER;
    return stuckBookings(await this.records.bookings(), now, overdueAfter);
  }
}
