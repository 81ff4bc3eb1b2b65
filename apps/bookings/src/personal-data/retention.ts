// PERSONAL_DATA_RETENTION: a durable timer of the bookings service looks, at most once a day, for bookings
// that ended (and closed) longer ago than that, and gives each the placeholder of its own id in place of its
// organizer's name and email. When an organizer's last booking goes so, they are erased everywhere else too
// (person.erased, why "retention": the notifications service's mails, the metrics event log). Each look sets
// the next in its own transaction; the first is set when the service starts and none is pending.
import { randomUUID } from 'node:crypto';
import { Controller, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Environment } from '@cocomo/config';
import {
  erasurePlaceholder,
  personalDataErased,
  personalDataRetentionDue,
  type Envelope,
  type PersonalDataRetentionDue,
} from '@cocomo/contracts';
import { Outbox, Timers } from '@cocomo/messaging';
import { ENVIRONMENT } from '@cocomo/platform';
import { PersonalDataStore } from './personal-data.store';

const DAY = 86_400_000;

@Injectable()
export class RetentionTimer implements OnApplicationBootstrap {
  constructor(
    private readonly em: EntityManager,
    private readonly timers: Timers,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  /** How long between looks: a day, or the retention itself when it is shorter (a test's). */
  get interval(): number {
    return Math.min(DAY, this.env.PERSONAL_DATA_RETENTION);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.em.fork().transactional(async (em) => {
      // Replicas starting together take the same lock: one of them sets the first look.
      await em.execute(`select pg_advisory_xact_lock(hashtext('bookings.retention-due'))`);
      const pending: unknown[] = await em.execute(
        `select 1 from "bookings"."timer" where "name" = ? and "fired_at" is null and "stopped_at" is null`,
        [personalDataRetentionDue.name],
      );
      if (!pending.length) this.setNext(em, new Date());
    });
  }

  setNext(em: EntityManager, dueAt: Date): void {
    this.timers.set(
      em,
      personalDataRetentionDue,
      { dueAt: dueAt.toISOString() },
      { id: `personal-data-retention-${dueAt.getTime()}`, subject: 'personal-data-retention', dueAt },
    );
  }
}

@Controller()
export class RetentionHandler {
  private readonly logger = new Logger(RetentionHandler.name);

  constructor(
    private readonly em: EntityManager,
    private readonly store: PersonalDataStore,
    private readonly timer: RetentionTimer,
    private readonly outbox: Outbox,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  @EventPattern(personalDataRetentionDue.name)
  async due(@Payload() _message: Envelope<PersonalDataRetentionDue>): Promise<void> {
    const now = new Date();
    const before = new Date(now.getTime() - this.env.PERSONAL_DATA_RETENTION);
    const { bookings, lastOf } = await this.store.expire(this.em, before, erasurePlaceholder);
    for (const email of lastOf) {
      const erasureId = randomUUID();
      // Every service, this one too, replaces the person in its tables when the event reaches it.
      this.outbox.add(this.em, personalDataErased, {
        erasureId,
        email,
        placeholder: erasurePlaceholder(erasureId),
        why: 'retention',
        at: now.toISOString(),
      });
    }
    // A full batch leaves more to do: look again soon rather than in a day.
    this.timer.setNext(this.em, new Date(now.getTime() + (bookings === 500 ? 1000 : this.timer.interval)));
    if (bookings) this.logger.log(`Retention: ${bookings} bookings lost their organizer's name and email`);
  }
}
