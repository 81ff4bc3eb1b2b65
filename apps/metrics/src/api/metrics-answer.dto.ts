// What the metrics API answers, as zod schemas: the OpenAPI document is generated from them, the handlers'
// return types are drawn from them, and the projections' own types must keep their shape (a compile-time
// check below), so the three cannot part. Not parsed at run time.
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { DECLINE_REASONS } from '@cocomo/contracts';
import type { Same } from '@cocomo/platform';
import type { SeedMetrics } from '../projections/seed-metrics';
import type { MetricsService } from './metrics.service';

const instant = z.string().datetime().describe('ISO 8601, UTC');
const count = z.number().int();
const share = z
  .number()
  .nullable()
  .describe('A share from 0 to 1 (four decimals); null when nothing to divide by');

/** A set of series' figures: how many, their dates, where those were held, late changes of space. */
const seriesTotals = {
  series: count,
  dates: count,
  heldAtItsSpace: count,
  heldElsewhere: count,
  shareHeldAtItsSpace: share,
  lateVenueChanges: count,
};

const REASONS = [...DECLINE_REASONS, 'unsaid'] as const;
const byReason = z.object(
  Object.fromEntries(REASONS.map((reason) => [reason, count])) as Record<
    (typeof REASONS)[number],
    typeof count
  >,
);

export const seedMetricsSchema = z.object({
  period: z.object({ from: instant.nullable(), to: instant }),
  country: z.string().nullable(),
  registeredSpaces: z.object({
    total: count,
    free: count,
    paid: count,
    byCountry: z.record(count),
    approvedInPeriod: count,
  }),
  availabilityRequests: count,
  eventsConducted: count,
  conductedRatio: z.object({ requested: count, held: count, ratio: share }),
  moneySaved: z.object({
    byCurrency: z.record(
      z.object({ saved: z.number(), marketCost: z.number(), paid: z.number(), events: count }),
    ),
    eventsWithoutMarketRate: count,
  }),
  stability: z.object({
    eventsWithPrevious: count,
    sameSpaceAsPrevious: count,
    repeatVenueShare: share,
    lateVenueChanges: count,
  }),
  diversity: z.object({
    events: count,
    attendance: count,
    newcomers: count,
    newcomerShare: share,
    ageGroups: z.record(count),
    growth: z
      .object({
        previousPeriod: z.object({ from: instant, to: instant }),
        events: share,
        attendance: share,
        newcomers: share,
      })
      .nullable()
      .describe('Against the period of the same length before; null without `from`'),
  }),
  readiness: z.object({
    hostsAsked: count,
    answered: count,
    responseRate: share,
    medianHoursToAnswer: z.number().nullable(),
    accepted: count,
    acceptanceRate: share,
  }),
  declines: z.object({
    declined: count,
    byReason,
    withOffers: count,
    offersMade: count,
    offersTaken: count,
    takenShare: share,
  }),
  protocols: z.object({
    lateDenials: count,
    fallbackRescues: count,
    escalations: count,
    unplaced: count,
    cancellations: z.object({ organizer: count, operator: count }),
  }),
  freeShare: z.object({ free: count, paid: count, share }),
  seriesStability: z
    .object({
      ...seriesTotals,
      averageWeeksHeld: z.number().nullable().describe('From the first date to the last held, on average'),
      byCommunity: z.array(z.object({ community: z.string(), ...seriesTotals })),
      eachSeries: z.array(
        z.object({
          seriesId: z.string().uuid(),
          community: z.string(),
          dates: count,
          heldAtItsSpace: count,
          heldElsewhere: count,
          shareHeldAtItsSpace: share,
          lateVenueChanges: count,
          weeksHeld: z.number(),
        }),
      ),
      singleEvents: z.object({ events: count, held: count, lateVenueChanges: count }),
    })
    .describe("Recurring series: the share of their dates held at the series' space, beside single events"),
});
export type SeedMetricsAnswer = z.input<typeof seedMetricsSchema>;
export class SeedMetricsDto extends createZodDto(seedMetricsSchema) {}

export const timeseriesSchema = z.object({
  interval: z.enum(['week', 'month']),
  from: instant,
  to: instant,
  series: z
    .record(z.array(z.object({ from: instant, to: instant, value: z.number().nullable() })))
    .describe('Each metric asked for, one point per week or month'),
});
export type TimeseriesAnswer = z.input<typeof timeseriesSchema>;
export class TimeseriesDto extends createZodDto(timeseriesSchema) {}

// The projections compute these answers; they must keep the schemas' shape, both ways.
const seedMetricsKeepTheirShape: Same<SeedMetrics, SeedMetricsAnswer> = true;
const seriesKeepTheirShape: Same<Awaited<ReturnType<MetricsService['series']>>, TimeseriesAnswer> = true;
void seedMetricsKeepTheirShape;
void seriesKeepTheirShape;
