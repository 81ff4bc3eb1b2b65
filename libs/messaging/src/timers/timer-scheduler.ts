// Puts committed timers into Redis as delayed jobs on the service's own inbox (timer-jobs.ts: a job of its own,
// or one shared by the timers due at the same moment; the timer's row keeps which), and puts back any that
// Redis lost: at start, and on every sweep. A timer's message then goes through the inbox, which claims the
// timer in the handler's transaction, so a timer acts once and a stopped one never.
import { Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import { inboxQueue, type ServiceName } from '@cocomo/contracts';
import { deliveryJobOptions } from '../bullmq-options';
import { BullMqClient } from '../bullmq.client';
import { afterCommitsWriting } from '../commit-watch';
import { Rounds } from '../rounds';
import { Timer } from './timer.entity';
import { timerJobs, type TimerRow } from './timer-jobs';

const BATCH_SIZE = 1000;
/** How many unscheduled timers a sweep after the first looks at (the rest wait for the next). */
const SWEEP_LOOKS_AT = 20_000;
/** How many overdue timers one sweep looks at: each costs a round trip to Redis. */
const OVERDUE_PER_SWEEP = 200;

/** The states of an overdue timer's job that no worker will take up by itself. */
const WILL_NOT_RUN = ['failed', 'completed', 'unknown'];

/** Who put a timer into Redis: the kick after its commit, a sweep (the kick was lost), or a restore (Redis lost it). */
export type ScheduledBy = 'commit' | 'sweep' | 'restore';

export class TimerScheduler implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(TimerScheduler.name);
  private sweeper?: NodeJS.Timeout;
  private sweeping?: Promise<number>;
  /**
   * The timers that were not in Redis at the last sweep, or, before the first, those a stopped process left
   * (read at start, before this process could write any); undefined when that could not be read.
   */
  private unscheduledAtLastSweep?: Set<string>;
  /** Timers just committed, by id: the next round schedules these without looking for them. */
  private committed: string[] = [];
  private readonly rounds = new Rounds(
    async () =>
      this.committed.length
        ? (await this.scheduleCommitted()) > 0 && this.committed.length > 0
        : (await this.scheduleNew('commit')) === BATCH_SIZE,
    (error) => this.logger.warn(`Scheduling timers failed, will retry: ${error.message.slice(0, 300)}`),
  );

  constructor(
    private readonly orm: MikroORM,
    private readonly client: BullMqClient,
    private readonly sweepIntervalMs: number,
    private readonly overdueAfterMs: number,
  ) {}

  private get service(): ServiceName {
    return this.orm.config.get('schema') as ServiceName;
  }

  /**
   * Before any provider starts (onModuleInit of this global module comes first): every commit from now on is
   * watched, so a timer another provider sets as it starts leaves at its commit too; and the timers a stopped
   * process left unscheduled are read now, so that the sweep at start takes those and none of this process's.
   */
  async onModuleInit(): Promise<void> {
    afterCommitsWriting(this.orm, Timer, (written) => {
      for (const timer of written) this.committed.push(timer.id);
      this.rounds.kick();
    });
    try {
      const left = await this.unscheduledIds();
      // As many as a sweep looks at, or more: then the sweep at start takes every unscheduled timer.
      if (left.length < SWEEP_LOOKS_AT) this.unscheduledAtLastSweep = new Set(left);
    } catch (error) {
      this.logger.warn(
        `Could not read the timers left unscheduled: ${(error as Error).message.slice(0, 300)}`,
      );
    }
  }

  onApplicationBootstrap(): void {
    this.sweeper = setInterval(() => void this.sweep(), this.sweepIntervalMs);
    void this.sweep();
  }

  async stop(): Promise<void> {
    clearInterval(this.sweeper);
    await this.rounds.stop();
  }

  /** Schedules new timers, then re-creates the jobs of scheduled timers that Redis no longer has. */
  sweep(): Promise<number> {
    // A sweep still running is joined, not doubled.
    this.sweeping ??= this.sweepOnce().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweepOnce(): Promise<number> {
    try {
      // What a commit's kick has not scheduled (a crash between commit and kick): counted as the sweep's. The
      // kicks in hand go first; and a timer is taken only when it was unscheduled at the sweep before too (at
      // start: when a stopped process left it), not when its commit's kick is under way.
      await this.rounds.idle();
      const seenBefore = this.unscheduledAtLastSweep;
      const unscheduled = await this.unscheduledIds();
      this.unscheduledAtLastSweep = new Set(unscheduled);
      const overdue = seenBefore ? unscheduled.filter((id) => seenBefore.has(id)) : undefined;
      if (!overdue) while ((await this.scheduleNew('sweep')) === BATCH_SIZE);
      for (let i = 0; i < (overdue?.length ?? 0); i += BATCH_SIZE) {
        await this.scheduleNew('sweep', overdue!.slice(i, i + BATCH_SIZE));
      }
      return await this.restoreLost();
    } catch (error) {
      this.logger.warn(`Timer sweep failed, will retry: ${(error as Error).message.slice(0, 300)}`);
      return 0;
    }
  }

  /**
   * Schedules the timers of the commits just seen: two statements, no transaction. Scheduling one twice (the
   * sweep at the same moment) keeps one job, of the timer's id.
   */
  private async scheduleCommitted(): Promise<number> {
    const ids = this.committed.splice(0, BATCH_SIZE);
    const schema = this.orm.config.get('schema');
    const em = this.orm.em.fork();
    const rows: TimerRow[] = await em.execute(
      `select "id", "name", "payload", "due_at" from "${schema}"."timer"
       where "scheduled_at" is null and "fired_at" is null and "stopped_at" is null
         and "id" in (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    if (rows.length === 0) return ids.length;
    const jobs = await this.enqueue(rows);
    await em.execute(
      `update "${schema}"."timer" t set "scheduled_at" = now(), "scheduled_by" = 'commit', "job_id" = j."job_id"
       from ${jobValues(jobs)} where t."id" = j."id" and t."scheduled_at" is null`,
      jobParams(jobs),
    );
    return ids.length;
  }

  /** The timers not yet in Redis, at most the number one sweep looks at. */
  private async unscheduledIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.orm.em.fork().execute(
      `select "id" from "${this.service}"."timer"
       where "scheduled_at" is null and "fired_at" is null and "stopped_at" is null
       order by "due_at" limit ${SWEEP_LOOKS_AT}`,
    );
    return rows.map((row) => row.id);
  }

  /**
   * Schedules timers not yet in Redis (of `only`, when given); `by` is kept with each, so that a sweep's share
   * can be counted.
   */
  private async scheduleNew(by: ScheduledBy, only?: string[]): Promise<number> {
    const schema = this.orm.config.get('schema');
    return this.orm.em.fork().transactional(async (em) => {
      const rows: TimerRow[] = await em.execute(
        `select "id", "name", "payload", "due_at" from "${schema}"."timer"
         where "scheduled_at" is null and "fired_at" is null and "stopped_at" is null
         ${only ? `and "id" in (${only.map(() => '?').join(', ')})` : ''}
         order by "due_at" limit ${BATCH_SIZE} for update skip locked`,
        only ?? [],
      );
      if (rows.length === 0) return 0;
      const jobs = await this.enqueue(rows);
      await em.execute(
        `update "${schema}"."timer" t set "scheduled_at" = now(), "scheduled_by" = ?, "job_id" = j."job_id"
         from ${jobValues(jobs)} where t."id" = j."id"`,
        [by, ...jobParams(jobs)],
      );
      return rows.length;
    });
  }

  /**
   * Timers that will not fire by themselves: their job is gone (Redis lost it), or, although the timer is
   * overdue by TIMER_OVERDUE_AFTER, its job has ended (failed for good, or completed without the timer firing)
   * or is in none of the queue's lists (Redis lost the list but kept the job). They are scheduled again (the
   * unfired timers of an ended job, which may carry others that did fire); the inbox's claim still lets each
   * timer act only once.
   */
  private async restoreLost(): Promise<number> {
    const schema = this.orm.config.get('schema');
    const pending = `"scheduled_at" is not null and "fired_at" is null and "stopped_at" is null`;
    // Timers scheduled before their rows kept a job's id were each given a job of their own id.
    const jobsInHand: { job_id: string; due_at: Date }[] = await this.orm.em.fork().execute(
      `select coalesce("job_id", "id") as "job_id", min("due_at") as "due_at" from "${schema}"."timer"
         where ${pending} group by 1`,
    );
    if (jobsInHand.length === 0) return 0;
    const queue = this.client.queueOf(this.service);
    const redis = (await queue.client) as unknown as Redis;
    const prefix = `${queue.opts.prefix}:${inboxQueue(this.service)}`;
    const pipeline = redis.pipeline();
    for (const job of jobsInHand) pipeline.exists(`${prefix}:${job.job_id}`);
    const found = await pipeline.exec();
    const lost = jobsInHand.filter((_job, index) => found?.[index]?.[1] === 0).map((job) => job.job_id);
    const overdueSince = Date.now() - this.overdueAfterMs;
    const overdue = jobsInHand
      .filter((job, index) => found?.[index]?.[1] === 1 && new Date(job.due_at).getTime() < overdueSince)
      .slice(0, OVERDUE_PER_SWEEP);
    for (const { job_id: jobId } of overdue) {
      const state = await queue.getJobState(jobId);
      if (WILL_NOT_RUN.includes(state) && (await queue.remove(jobId)) === 1) lost.push(jobId);
    }
    let restored = 0;
    for (let i = 0; i < lost.length; i += BATCH_SIZE) {
      const jobIds = lost.slice(i, i + BATCH_SIZE);
      const timers: TimerRow[] = await this.orm.em.fork().execute(
        `select "id", "name", "payload", "due_at" from "${schema}"."timer"
           where ${pending} and coalesce("job_id", "id") in (${jobIds.map(() => '?').join(', ')})`,
        jobIds,
      );
      if (timers.length === 0) continue;
      const jobs = await this.enqueue(timers);
      await this.orm.em.fork().execute(
        `update "${schema}"."timer" t set "scheduled_by" = 'restore', "job_id" = j."job_id"
         from ${jobValues(jobs)} where t."id" = j."id"`,
        jobParams(jobs),
      );
      restored += timers.length;
    }
    if (restored) this.logger.warn(`${restored} timers had no live job in Redis and are scheduled again`);
    return restored;
  }

  /** Adds the timers' delayed jobs; the jobs are returned, to be kept with their timers. */
  private async enqueue(rows: TimerRow[]): Promise<{ id: string; timerIds: string[] }[]> {
    const now = Date.now();
    const jobs = timerJobs(rows);
    await this.client.queueOf(this.service).addBulk(
      jobs.map((job) => ({
        name: job.name,
        data: job.data,
        opts: { ...deliveryJobOptions, jobId: job.id, delay: Math.max(0, job.dueAt - now) },
      })),
    );
    return jobs;
  }
}

/** `(values (timer id, job id), …) as j`, for an update that keeps each timer's job. */
function jobValues(jobs: { timerIds: string[] }[]): string {
  const pairs = jobs.flatMap((job) => job.timerIds.map(() => '(?, ?)'));
  return `(values ${pairs.join(', ')}) as j ("id", "job_id")`;
}

function jobParams(jobs: { id: string; timerIds: string[] }[]): string[] {
  return jobs.flatMap((job) => job.timerIds.flatMap((timerId) => [timerId, job.id]));
}
