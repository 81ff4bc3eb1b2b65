// Resident memory of each built service run as its own process: idle after start, and again after a few
// hundred booking workflows went through all four (request, ranking, host accepts, mails, metrics).
import { readFileSync } from 'node:fs';
import { SERVICES, type ServiceName } from '@cocomo/contracts';
import { dropBenchEnvironment, freshBenchEnvironment } from './bench-infra';
import type { BenchSection } from './bench-section';
import { driveBookings, inboxQueues, settled } from './booking-load';
import { serviceVariables, startAllServices, type RunningService } from './service-process';

const BOOKINGS = Number(process.env.BENCH_MEMORY_BOOKINGS || 300);
const CONCURRENCY = 10;
const GOAL_IDLE_MB = 150;
/** The process's resident set size in MB, from /proc. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  return Math.round((kb / 1024) * 10) / 10;
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
      const idle = Object.fromEntries(SERVICES.map((s) => [s, rssMb(running[s].pid)]));
      say(`${BOOKINGS} booking workflows, ${CONCURRENCY} at a time`);
      const { confirmed } = await driveBookings(env, running, BOOKINGS, CONCURRENCY);
      await settled(queues, 120_000);
      const loaded = Object.fromEntries(SERVICES.map((s) => [s, rssMb(running[s].pid)]));
      const memory = Object.fromEntries(
        SERVICES.map((s) => [
          s,
          {
            rssMbIdle: idle[s],
            rssMbLoaded: loaded[s],
            loadedToIdle: Math.round((loaded[s] / idle[s]) * 100) / 100,
          },
        ]),
      );
      return {
        // bench-results.json: memory.<service>.rssMbIdle / rssMbLoaded, beside the workload that loaded them.
        result: { ...memory, workflows: { requested: BOOKINGS, confirmed } },
        rows: [
          { measure: 'bookings confirmed', value: `${confirmed} of ${BOOKINGS}` },
          ...SERVICES.flatMap((s) => [
            {
              measure: `${s} RSS idle (MB)`,
              value: String(idle[s]),
              goal: `≤ ${GOAL_IDLE_MB}`,
              met: idle[s] <= GOAL_IDLE_MB,
            },
            {
              measure: `${s} RSS after the workflows (MB)`,
              value: `${loaded[s]} (×${memory[s].loadedToIdle})`,
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
