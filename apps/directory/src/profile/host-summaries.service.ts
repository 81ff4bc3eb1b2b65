// The yearly summary each active host gets: a timer per space and year (set when the space records a held event,
// so a space that hosts nothing gets none), the mail it sends when it fires (only to the host of an approved space
// that hosted in the twelve months before, and did not opt out), and the opt-out its link leads to.
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Environment } from '@cocomo/config';
import { notifyEmail, spaceSummaryDue } from '@cocomo/contracts';
import { ActionLinks, manageSpaceLink, type LinkClaims } from '@cocomo/links';
import { Outbox, Timers } from '@cocomo/messaging';
import { ActionRecord, ENVIRONMENT, type Actor } from '@cocomo/platform';
import type { Space } from '../spaces/space.entity';
import { SpaceRepository } from '../spaces/space.repository';
import { summaryMail } from '../verification/space-mails';
import { nextSummary, summaryFrom, summaryTimerId } from './host-summary';

/** The link in the summary mail that stops the summaries of the space (reusable until it expires). */
export const SUMMARY_OPT_OUT = 'summary-opt-out';
export const SUMMARY_OPT_OUT_PATH = '/actions/spaces/summary-opt-out';
/** The opt-out link works for as long as the summary is likely read: until the next one. */
const OPT_OUT_LIFETIME_MS = 365 * 24 * 3600 * 1000;

/** What a space hosted in a summary's twelve months. */
export interface YearOfHosting {
  events: number;
  attendance: number;
  newcomers: number;
  marketCost: number | null;
  currency: string | null;
}

/** Why an opt-out link does not open its space. */
export type OptOutRefusal = 'invalid' | 'overtaken';

@Injectable()
export class HostSummaries implements OnApplicationBootstrap {
  private readonly logger = new Logger(HostSummaries.name);

  constructor(
    private readonly spaces: SpaceRepository,
    private readonly timers: Timers,
    private readonly outbox: Outbox,
    private readonly links: ActionLinks,
    private readonly orm: MikroORM,
    private readonly record: ActionRecord,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  onApplicationBootstrap(): void {
    if (this.env.ROLE === 'web') return;
    void this.backfill().catch((error: Error) =>
      this.logger.warn(
        `Setting the summaries of spaces that hosted before failed: ${error.message.slice(0, 300)}`,
      ),
    );
  }

  /**
   * Sets the next summary of each approved space that hosted in the last twelve months and has none pending:
   * those whose events were recorded before the summaries existed. Each start does it again; a timer already
   * there (another instance's) is kept. Returns how many it set.
   */
  async backfill(now = new Date()): Promise<number> {
    const em = this.orm.em.fork();
    const spaces: { id: string; timezone: string }[] = await em.execute(
      `select s."id", s."timezone" from "directory"."space" s
       where s."status" = 'approved' and s."summary_opt_out_at" is null
         and exists (select 1 from "directory"."hosted_event" e
                     where e."space_id" = s."id" and e."event_start" >= ?)
         and not exists (select 1 from "directory"."timer" t
                         where t."subject" = s."id"::text and t."name" = ? and t."fired_at" is null
                           and t."stopped_at" is null)`,
      [new Date(now.getTime() - 366 * 24 * 3600 * 1000), spaceSummaryDue.name],
    );
    let set = 0;
    for (const space of spaces) {
      const { dueAt, year } = nextSummary(this.env.HOST_SUMMARY_AT, space.timezone, now);
      const inserted: unknown[] = await em.execute(
        `insert into "directory"."timer" ("id", "name", "payload", "subject", "due_at")
         values (?, ?, ?, ?, ?) on conflict ("id") do nothing returning "id"`,
        [
          summaryTimerId(space.id, year),
          spaceSummaryDue.name,
          JSON.stringify({ spaceId: space.id, year }),
          space.id,
          dueAt,
        ],
      );
      set += inserted.length;
    }
    if (set) this.logger.log(`${set} spaces that hosted before get their yearly summary`);
    return set;
  }

  /** Sets the space's next summary in the transaction `em`, unless it is set already. */
  async plan(em: EntityManager, spaceId: string, now = new Date()): Promise<void> {
    const [space]: { timezone: string }[] = await em.execute(
      `select "timezone" from "directory"."space" where "id" = ?`,
      [spaceId],
    );
    if (!space) return;
    const { dueAt, year } = nextSummary(this.env.HOST_SUMMARY_AT, space.timezone, now);
    const id = summaryTimerId(spaceId, year);
    const set = await em.execute(`select 1 from "directory"."timer" where "id" = ?`, [id]);
    if (set.length) return;
    this.timers.set(em, spaceSummaryDue, { spaceId, year }, { id, subject: spaceId, dueAt });
  }

  /** The timer fired (in the inbox's transaction `em`): mails the summary when the host is still active. */
  async send(em: EntityManager, spaceId: string, dueAt: Date, now = new Date()): Promise<boolean> {
    const space = await this.spaces.byId(spaceId);
    if (!space || space.status !== 'approved' || space.summaryOptOutAt) return false;
    const year = await this.yearOf(em, spaceId, summaryFrom(dueAt), now);
    if (year.events === 0) return false;
    const optOut = this.links.sign(
      { subject: space.id, action: SUMMARY_OPT_OUT, recipient: space.hostEmail },
      new Date(now.getTime() + OPT_OUT_LIFETIME_MS),
    );
    const manage = manageSpaceLink(
      this.links,
      { spaceId: space.id, hostEmail: space.hostEmail },
      now.getTime(),
    );
    this.outbox.add(
      em,
      notifyEmail,
      summaryMail(space, { ...year, from: summaryFrom(dueAt).toISOString(), to: now.toISOString() }, manage, {
        url: `${this.env.PUBLIC_BASE_URL}${SUMMARY_OPT_OUT_PATH}/${optOut.token}`,
      }),
    );
    this.logger.log(`Space ${spaceId}: the summary of ${year.events} events hosted is mailed to its host`);
    return true;
  }

  /** The space an opt-out link is for, while the email it was sent to hosts it. */
  async spaceOf(claims: LinkClaims): Promise<Space | OptOutRefusal> {
    if (claims.action !== SUMMARY_OPT_OUT) return 'invalid';
    const space = await this.spaces.byId(claims.subject);
    if (!space) return 'invalid';
    return space.hostEmail === claims.recipient && space.status !== 'retired' ? space : 'overtaken';
  }

  /** Stops the space's summaries; false when they were stopped already (a second press). */
  async optOut(claims: LinkClaims, by: Actor, now = new Date()): Promise<boolean> {
    return this.spaces.transaction(async (em) => {
      const stopped: unknown[] = await em.execute(
        `update "directory"."space" set "summary_opt_out_at" = ?
         where "id" = ? and "host_email" = ? and "summary_opt_out_at" is null returning "id"`,
        [now, claims.subject, claims.recipient],
      );
      if (stopped.length) this.record.add(em, by, 'summaries-stopped', { spaceId: claims.subject });
      return stopped.length > 0;
    });
  }

  private async yearOf(em: EntityManager, spaceId: string, from: Date, to: Date): Promise<YearOfHosting> {
    const [row]: {
      events: string;
      attendance: string | null;
      newcomers: string | null;
      market_cost: string | null;
      currency: string | null;
    }[] = await em.execute(
      `select count(*) as "events", sum("attendance") as "attendance", sum("newcomers") as "newcomers",
         sum("market_cost") as "market_cost", max("currency") as "currency"
       from "directory"."hosted_event" where "space_id" = ? and "event_start" >= ? and "event_start" < ?`,
      [spaceId, from, to],
    );
    return {
      events: Number(row.events),
      attendance: Number(row.attendance ?? 0),
      newcomers: Number(row.newcomers ?? 0),
      marketCost: row.market_cost === null ? null : Number(row.market_cost),
      currency: row.currency,
    };
  }
}
