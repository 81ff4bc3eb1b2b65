// The metrics service's own Prometheus gauges, beside the signals every service reports: the seed's metrics since
// the beginning, stuck bookings and failed emails, read from the records when Prometheus scrapes.
import type { Gauge, Registry } from 'prom-client';
import { SampledGauges, type GaugeDefinition } from '@cocomo/messaging';
import type { SeedMetrics } from '../projections/seed-metrics';
import type { StuckBooking } from '../projections/stuck-bookings';

export interface Observation {
  metrics: SeedMetrics;
  stuck: StuckBooking[];
  failedEmails: number;
}

const gauge = (name: string, help: string, labelNames: string[] = []): GaugeDefinition => ({
  name,
  help,
  labelNames,
});

const SEED_GAUGES = {
  spaces: gauge('cocomo_registered_spaces', 'Approved spaces listed now', ['country', 'pricing']),
  requests: gauge('cocomo_availability_requests', 'Booking requests received'),
  held: gauge('cocomo_events_conducted', 'Events reported as held'),
  ratio: gauge('cocomo_conducted_ratio', 'Held events per request received'),
  saved: gauge('cocomo_money_saved', 'Market cost less amount paid over held events', ['currency']),
  repeat: gauge('cocomo_repeat_venue_share', "Share of events at the space of the community's previous one"),
  late: gauge('cocomo_late_venue_changes', 'Venue changes within 72 hours of the start'),
  attendance: gauge('cocomo_attendance', 'People at held events'),
  newcomers: gauge('cocomo_newcomers', 'Newcomers at held events'),
  response: gauge('cocomo_host_response_rate', 'Share of hosts asked who answered'),
  hours: gauge('cocomo_host_median_hours_to_answer', 'Median hours a host took to answer'),
  acceptance: gauge('cocomo_host_acceptance_rate', 'Share of answers that accepted'),
  protocol: gauge('cocomo_protocol_events', "The seed's protocols at work, by kind", ['kind']),
  free: gauge('cocomo_free_share', 'Share of held events in free spaces'),
  stuck: gauge('cocomo_stuck_bookings', 'Bookings an operator should look at', ['reason']),
  failed: gauge('cocomo_failed_emails', 'Mails given up on after every attempt'),
};

type SeedGauge = keyof typeof SEED_GAUGES;

/** Registers the seed gauges in `registry`; each scrape reads one observation for all of them. */
export function registerSeedGauges(registry: Registry, observe: () => Promise<Observation>): void {
  new SampledGauges(
    registry,
    SEED_GAUGES,
    async (gauges) => setSeedGauges(gauges, await observe()),
    'the records',
  );
}

/** Sets every gauge from one observation. */
export function setSeedGauges(
  g: Record<SeedGauge, Gauge>,
  { metrics, stuck, failedEmails }: Observation,
): void {
  for (const [country, count] of Object.entries(metrics.registeredSpaces.byCountry)) {
    g.spaces.set({ country, pricing: 'all' }, count);
  }
  g.spaces.set({ country: 'all', pricing: 'free' }, metrics.registeredSpaces.free);
  g.spaces.set({ country: 'all', pricing: 'paid' }, metrics.registeredSpaces.paid);
  g.spaces.set({ country: 'all', pricing: 'all' }, metrics.registeredSpaces.total);
  g.requests.set(metrics.availabilityRequests);
  g.held.set(metrics.eventsConducted);
  setIfKnown(g.ratio, metrics.conductedRatio.ratio);
  for (const [currency, money] of Object.entries(metrics.moneySaved.byCurrency)) {
    g.saved.set({ currency }, money.saved);
  }
  setIfKnown(g.repeat, metrics.stability.repeatVenueShare);
  g.late.set(metrics.stability.lateVenueChanges);
  g.attendance.set(metrics.diversity.attendance);
  g.newcomers.set(metrics.diversity.newcomers);
  setIfKnown(g.response, metrics.readiness.responseRate);
  setIfKnown(g.hours, metrics.readiness.medianHoursToAnswer);
  setIfKnown(g.acceptance, metrics.readiness.acceptanceRate);
  const { protocols } = metrics;
  g.protocol.set({ kind: 'late_denial' }, protocols.lateDenials);
  g.protocol.set({ kind: 'fallback_rescue' }, protocols.fallbackRescues);
  g.protocol.set({ kind: 'escalation' }, protocols.escalations);
  g.protocol.set({ kind: 'unplaced' }, protocols.unplaced);
  g.protocol.set({ kind: 'cancelled_by_organizer' }, protocols.cancellations.organizer);
  g.protocol.set({ kind: 'cancelled_by_operator' }, protocols.cancellations.operator);
  setIfKnown(g.free, metrics.freeShare.share);
  for (const reason of ['escalated', 'unplaced', 'report-overdue']) {
    g.stuck.set({ reason }, stuck.filter((booking) => booking.reason === reason).length);
  }
  g.failed.set(failedEmails);
}

function setIfKnown(gauge: Gauge, value: number | null): void {
  if (value !== null) gauge.set(value);
}
