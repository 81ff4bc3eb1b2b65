// Gauges that one reading fills together (one query gives several numbers), read when Prometheus scrapes. The
// reading runs once per scrape however many of its gauges are collected; one that fails, or takes longer than a
// scrape can wait (PostgreSQL or Redis away), leaves its gauges without a value in that scrape (their series are
// absent, which an alert can see) rather than failing or stalling the exposition: the process's own metrics and
// the request durations still go out, so Prometheus does not take a database outage for the service being down.
import { Logger } from '@nestjs/common';
import { Gauge, type Registry } from 'prom-client';

export interface GaugeDefinition {
  name: string;
  help: string;
  labelNames?: string[];
}

/** How often, at most, a reading that keeps failing is logged. */
const WARN_EVERY_MS = 60_000;
/** Well within Prometheus's default scrape timeout of 10 s. */
const READING_TIMEOUT_MS = 3000;

export class SampledGauges<K extends string> {
  readonly gauges: Record<K, Gauge>;
  private readonly logger = new Logger('Signals');
  private reading?: Promise<void>;
  private lastWarning = Number.NEGATIVE_INFINITY;

  constructor(
    registry: Registry,
    definitions: Record<K, GaugeDefinition>,
    /** Sets the gauges from one reading; the gauges are empty when it starts. */
    private readonly read: (gauges: Record<K, Gauge>) => Promise<void>,
    /** What the reading is about, for the warning when it fails: "the outbox". */
    private readonly what: string,
  ) {
    const entries = Object.entries<GaugeDefinition>(definitions).map(([key, definition]) => [
      key,
      new Gauge({
        name: definition.name,
        help: definition.help,
        labelNames: definition.labelNames ?? [],
        registers: [registry],
        collect: () => this.refresh(),
      }),
    ]);
    this.gauges = Object.fromEntries(entries) as Record<K, Gauge>;
  }

  /** One reading for all the gauges of this scrape. */
  refresh(): Promise<void> {
    this.reading ??= this.readOnce().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async readOnce(): Promise<void> {
    const gauges = Object.values<Gauge>(this.gauges);
    for (const gauge of gauges) gauge.reset();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${READING_TIMEOUT_MS} ms`)),
        READING_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([this.read(this.gauges), late]);
    } catch (error) {
      for (const gauge of gauges) gauge.reset();
      if (Date.now() - this.lastWarning >= WARN_EVERY_MS) {
        this.lastWarning = Date.now();
        this.logger.warn(`Could not read ${this.what} for /metrics: ${(error as Error).message}`);
      }
    } finally {
      clearTimeout(timer);
    }
  }
}
