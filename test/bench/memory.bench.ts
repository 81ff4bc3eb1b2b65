// Resident memory of each built service run as its own process: idle after start, and again after a few
// hundred booking workflows went through all four (request, ranking, host accepts, mails, metrics).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import type { Environment } from '@cocomo/config';
import { inboxQueue, SERVICES, type ServiceName } from '@cocomo/contracts';
import { linkSecrets, newNonce, signLinkToken } from '@cocomo/links';
import { redisOptions } from '@cocomo/messaging';
import { dropBenchEnvironment, freshBenchEnvironment } from './bench-infra';
import type { BenchSection } from './bench-section';
import { startServiceProcess, type RunningService } from './service-process';

const BOOKINGS = Number(process.env.BENCH_MEMORY_BOOKINGS || 300);
const CONCURRENCY = 10;
const GOAL_IDLE_MB = 150;
const PORT_VARIABLES: Record<ServiceName, string> = {
  directory: 'DIRECTORY_PORT',
  bookings: 'BOOKINGS_PORT',
  notifications: 'NOTIFICATIONS_PORT',
  metrics: 'METRICS_PORT',
};

/** The variables a built service is started with, from the bench's environment. */
export function serviceVariables(env: Environment): Record<string, string> {
  return {
    NODE_ENV: env.NODE_ENV,
    DATABASE_URL: env.DATABASE_URL,
    REDIS_URL: env.REDIS_URL,
    QUEUE_PREFIX: env.QUEUE_PREFIX,
    LOG_LEVEL: env.LOG_LEVEL,
    OPERATOR_TOKEN: env.OPERATOR_TOKEN,
    LINK_SECRET: env.LINK_SECRET,
    THROTTLE_LIMIT: 'off',
  };
}

/** Runs `main.js <command>` of a built service and waits for it to finish. */
export function runBuiltCommand(service: ServiceName, command: string, variables: Record<string, string>) {
  const main = path.resolve(__dirname, '../../apps', service, 'src/main.js');
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [main, command], {
      env: { ...process.env, ...variables },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${service} ${command} exited with ${code}`)),
    );
  });
}

/** The process's resident set size in MB, from /proc. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  return Math.round((kb / 1024) * 10) / 10;
}

async function settled(queues: Queue[], timeoutMs: number): Promise<void> {
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

async function driveBookings(
  env: Environment,
  running: Record<ServiceName, RunningService>,
): Promise<number> {
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
  let next = 0;
  let confirmed = 0;
  const one = async (index: number) => {
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
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < BOOKINGS) await one(next++);
    }),
  );
  return confirmed;
}

export const memorySection: BenchSection = {
  key: 'memory',
  title: 'Memory per service',
  run: async (say) => {
    const env = await freshBenchEnvironment('memory', { REQUEST_TIMEOUT: '30s' });
    const variables = serviceVariables(env);
    const running = {} as Record<ServiceName, RunningService>;
    const queues = SERVICES.map(
      (service) =>
        new Queue(inboxQueue(service), { connection: redisOptions(env.REDIS_URL), prefix: env.QUEUE_PREFIX }),
    );
    try {
      say('migrating the four schemas and loading the demo spaces');
      for (const service of SERVICES) await runBuiltCommand(service, 'migrate', variables);
      for (const service of SERVICES) {
        running[service] = await startServiceProcess(service, PORT_VARIABLES[service], variables);
      }
      await runBuiltCommand('directory', 'seed-demo', variables);
      await settled(queues, 60_000);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const idle = Object.fromEntries(SERVICES.map((s) => [s, rssMb(running[s].pid)]));
      say(`${BOOKINGS} booking workflows, ${CONCURRENCY} at a time`);
      const confirmed = await driveBookings(env, running);
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
