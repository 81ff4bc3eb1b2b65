// Organizers and hosts as a load generator: each booking is requested over the bookings API, then its host
// presses Accept on the action page, as the link in the mail would have them do. Used by the workflow and
// memory sections, which run the four built services as processes.
import { readdirSync, readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import type { Environment } from '@cocomo/config';
import { inboxQueue, SERVICES, type ServiceName } from '@cocomo/contracts';
import { linkSecrets, newNonce, signLinkToken } from '@cocomo/links';
import { redisOptions } from '@cocomo/messaging';
import type { RunningService } from './service-process';

export interface BookingLoad {
  requested: number;
  confirmed: number;
  /** From the first request to the last Accept answered. */
  seconds: number;
}

/** Runs `count` bookings, `concurrency` at a time, each from request to its host's Accept. */
export async function driveBookings(
  env: Environment,
  running: Pick<Record<ServiceName, RunningService>, 'directory' | 'bookings'>,
  count: number,
  concurrency: number,
  firstIndex = 0,
): Promise<BookingLoad> {
  const secrets = linkSecrets(env.LINK_SECRET);
  const hosts = new Map<string, string>();
  const hostOf = async (spaceId: string) => {
    if (!hosts.has(spaceId)) {
      const answer = await fetch(`${running.directory.url}/api/spaces/${spaceId}`, {
        headers: { authorization: `Bearer ${env.OPERATOR_TOKEN}` },
      });
      hosts.set(spaceId, ((await answer.json()) as { host: { email: string } }).host.email);
    }
    return hosts.get(spaceId)!;
  };
  let next = firstIndex;
  let confirmed = 0;
  const one = async (index: number) => {
    // A day of its own for every booking, so that no two compete for a space.
    const start = Date.now() + (30 + index) * 86_400_000;
    const created = await fetch(`${running.bookings.url}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organizer: { name: 'Bench', email: 'bench@example.org', community: `Bench ${index % 50}` },
        event: {
          title: `Bench ${index}`,
          start: new Date(start).toISOString(),
          end: new Date(start + 3_600_000).toISOString(),
          expectedAttendees: 10,
        },
        near: { latitude: 52.52, longitude: 13.4, radiusKm: 500 },
      }),
    });
    if (created.status !== 201) throw new Error(`POST /api/bookings answered ${created.status}`);
    const { id, spaceId } = (await created.json()) as { id: string; spaceId?: string };
    if (!spaceId) return;
    const token = signLinkToken(
      {
        subject: `${id}~${spaceId}`,
        action: 'host-accept',
        recipient: await hostOf(spaceId),
        expiresAt: Math.floor(Date.now() / 1000) + 3600,
        nonce: newNonce(),
      },
      secrets,
    );
    const pressed = await fetch(`${running.bookings.url}/actions/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'choice=confirm',
    });
    if (pressed.status === 200) confirmed++;
  };
  const last = firstIndex + count;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < last) await one(next++);
    }),
  );
  return { requested: count, confirmed, seconds: (performance.now() - started) / 1000 };
}

/** The four services' inbox queues, to count their jobs and to see them drained. */
export function inboxQueues(env: Environment): Queue[] {
  return SERVICES.map(
    (service) =>
      new Queue(inboxQueue(service), { connection: redisOptions(env.REDIS_URL), prefix: env.QUEUE_PREFIX }),
  );
}

/** Waits until no inbox has a job waiting or running. */
export async function settled(queues: Queue[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const counts = await Promise.all(
      queues.map((queue) => queue.getJobCounts('waiting', 'active', 'prioritized')),
    );
    if (counts.every((count) => Object.values(count).every((n) => n === 0))) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the queues did not empty in time');
}

/** Every job the inboxes hold in any state: the difference over a run is the jobs that run made. */
export async function jobCount(queues: Queue[]): Promise<number> {
  const counts = await Promise.all(
    queues.map((queue) =>
      queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'),
    ),
  );
  return counts.reduce((sum, count) => sum + Object.values(count).reduce((a, b) => a + b, 0), 0);
}

const CLOCK_TICKS_PER_MS = 100 / 1000;

/** CPU time (user and system) a process has used so far, in milliseconds, from /proc. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces; the fields after it are space-separated: utime is the 14th, stime 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_MS;
}

/**
 * The ids of the running processes whose command name is `name` (postgres, redis-server) and, when `holding`
 * is given, whose command line holds it (a PostgreSQL backend names its database there).
 */
export function pidsNamed(name: string, holding?: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== name) return false;
        return !holding || readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(holding);
      } catch {
        return false;
      }
    });
}

/** CPU milliseconds of all processes named `name`; one that ended in between is simply not counted. */
export function cpuMsNamed(name: string, holding?: string): number {
  return pidsNamed(name, holding).reduce((sum, pid) => {
    try {
      return sum + cpuMs(pid);
    } catch {
      return sum;
    }
  }, 0);
}
