// The Prometheus gauges of one metrics service: the seed's metrics since the beginning, stuck bookings, failed
// emails, every queue's counts and overdue delayed jobs, and the process's own metrics. A registry per
// application, not prom-client's global one, so that two services in one process do not collide.
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { SeedMetrics } from '../projections/seed-metrics';
import type { StuckBooking } from '../projections/stuck-bookings';
import type { QueueCounts } from '../queues/watched-queues';

export interface Observation {
  metrics: SeedMetrics;
  stuck: StuckBooking[];
  failedEmails: number;
  queues: Record<string, QueueCounts>;
}

export class SeedGauges {
  readonly registry = new Registry();
  private readonly gauges = {
    spaces: this.gauge('cocomo_registered_spaces', 'Approved spaces listed now', ['country', 'pricing']),
    requests: this.gauge('cocomo_availability_requests', 'Booking requests received'),
    held: this.gauge('cocomo_events_conducted', 'Events reported as held'),
    ratio: this.gauge('cocomo_conducted_ratio', 'Held events per request received'),
    saved: this.gauge('cocomo_money_saved', 'Market cost less amount paid over held events', ['currency']),
    repeat: this.gauge(
      'cocomo_repeat_venue_share',
      "Share of events at the space of the community's previous one",
    ),
    late: this.gauge('cocomo_late_venue_changes', 'Venue changes within 72 hours of the start'),
    attendance: this.gauge('cocomo_attendance', 'People at held events'),
    newcomers: this.gauge('cocomo_newcomers', 'Newcomers at held events'),
    response: this.gauge('cocomo_host_response_rate', 'Share of hosts asked who answered'),
    hours: this.gauge('cocomo_host_median_hours_to_answer', 'Median hours a host took to answer'),
    acceptance: this.gauge('cocomo_host_acceptance_rate', 'Share of answers that accepted'),
    protocol: this.gauge('cocomo_protocol_events', "The seed's protocols at work, by kind", ['kind']),
    free: this.gauge('cocomo_free_share', 'Share of held events in free spaces'),
    stuck: this.gauge('cocomo_stuck_bookings', 'Bookings an operator should look at', ['reason']),
    failed: this.gauge('cocomo_failed_emails', 'Mails given up on after every attempt'),
    jobs: this.gauge('cocomo_queue_jobs', 'Jobs in each queue by state', ['queue', 'state']),
    overdue: this.gauge('cocomo_overdue_timers', 'Delayed jobs more than a minute past due', ['queue']),
  };

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  private gauge(name: string, help: string, labelNames: string[] = []): Gauge {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  /** Sets every gauge from one observation; series that disappeared are dropped. */
  observe({ metrics, stuck, failedEmails, queues }: Observation): void {
    const g = this.gauges;
    for (const gauge of Object.values(g)) gauge.reset();
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
    for (const [queue, counts] of Object.entries(queues)) {
      for (const state of ['waiting', 'active', 'delayed', 'failed'] as const)
        g.jobs.set({ queue, state }, counts[state]);
      g.overdue.set({ queue }, counts.overdue);
    }
  }
}

function setIfKnown(gauge: Gauge, value: number | null): void {
  if (value !== null) gauge.set(value);
}
