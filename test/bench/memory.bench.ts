// Resident memory of each built service run as its own process: just after start, at rest, right after a few
// hundred booking workflows went through all four (request, ranking, host accepts, mails, metrics), and at rest
// again. At rest is after REST_SECONDS without work: a service that has just started or just worked still holds
// the young generation its work grew (about 30 MB), until V8's memory reducer, which acts once allocation has
// been low for some seconds, gives it back; a probe of 2026-12-02 saw it act 10 to 40 s after the last work.
import { readFileSync } from 'node:fs';
import { SERVICES, type ServiceName } from '@cocomo/contracts';
import { dropBenchEnvironment, freshBenchEnvironment } from './bench-infra';
import type { BenchSection } from './bench-section';
import { driveBookings, inboxQueues, settled } from './booking-load';
import { serviceVariables, startAllServices, type RunningService } from './service-process';

const BOOKINGS = Number(process.env.BENCH_MEMORY_BOOKINGS || 300);
const CONCURRENCY = 10;
const GOAL_IDLE_MB = 150;
const REST_SECONDS = Number(process.env.BENCH_MEMORY_REST_SECONDS || 60);
/** The process's resident set size in MB, from /proc. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  return Math.round((kb / 1024) * 10) / 10;
}

function everyRss(running: Record<ServiceName, RunningService>): Record<ServiceName, number> {
  return Object.fromEntries(SERVICES.map((s) => [s, rssMb(running[s].pid)])) as Record<ServiceName, number>;
}

export const memorySection: BenchSection = {
  key: 'memory',
  title: 'Memory per service',
  run: async (say) => {
    const env = await freshBenchEnvironment('memory', { REQUEST_TIMEOUT: '30s' });
    const variables = serviceVariables(env);
    const running = {} as Record<ServiceName, RunningService>;
    const queues = inboxQueues(env);
    try {
      say('migrating the four schemas and loading the demo spaces');
      await startAllServices(variables, running);
      await settled(queues, 60_000);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const started = everyRss(running);
      say(`${REST_SECONDS}s without work`);
      await new Promise((resolve) => setTimeout(resolve, REST_SECONDS * 1000));
      const idle = everyRss(running);
      say(`${BOOKINGS} booking workflows, ${CONCURRENCY} at a time`);
      const { confirmed } = await driveBookings(env, running, BOOKINGS, CONCURRENCY);
      await settled(queues, 120_000);
      const loaded = everyRss(running);
      say(`${REST_SECONDS}s without work`);
      await new Promise((resolve) => setTimeout(resolve, REST_SECONDS * 1000));
      const rested = everyRss(running);
      const memory = Object.fromEntries(
        SERVICES.map((s) => [
          s,
          {
            rssMbStarted: started[s],
            rssMbIdle: idle[s],
            rssMbLoaded: loaded[s],
            rssMbIdleAfterLoad: rested[s],
            loadedToIdle: Math.round((loaded[s] / idle[s]) * 100) / 100,
          },
        ]),
      );
      return {
        // bench-results.json: memory.<service>.rssMbStarted / rssMbIdle / rssMbLoaded / rssMbIdleAfterLoad,
        // beside the workload that loaded them and how long idle is.
        result: { ...memory, restSeconds: REST_SECONDS, workflows: { requested: BOOKINGS, confirmed } },
        rows: [
          { measure: 'bookings confirmed', value: `${confirmed} of ${BOOKINGS}` },
          ...SERVICES.flatMap((s) => [
            { measure: `${s} RSS 3s after start (MB)`, value: String(started[s]) },
            {
              measure: `${s} RSS idle, ${REST_SECONDS}s without work (MB)`,
              value: String(idle[s]),
              goal: `≤ ${GOAL_IDLE_MB}`,
              met: idle[s] <= GOAL_IDLE_MB,
            },
            {
              measure: `${s} RSS right after the workflows (MB)`,
              value: `${loaded[s]} (×${memory[s].loadedToIdle})`,
            },
            {
              measure: `${s} RSS idle again, ${REST_SECONDS}s after the workflows (MB)`,
              value: String(rested[s]),
              goal: `≤ ${GOAL_IDLE_MB}`,
              met: rested[s] <= GOAL_IDLE_MB,
            },
          ]),
        ],
      };
    } finally {
      await Promise.all(queues.map((queue) => queue.close()));
      for (const service of SERVICES) await running[service]?.stop();
      await dropBenchEnvironment(env);
    }
  },
};
