// A built service run as a child process, so the load generator in the bench process does not share its
// event loop: started on a free port, awaited on /health, stopped with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Environment } from '@cocomo/config';
import { SERVICES, type ServiceName } from '@cocomo/contracts';

/** This build's `dist` folder; another build's (BENCH_BESIDE) can be given to run its services instead. */
export const BUILT_ROOT = path.resolve(__dirname, '../..');

export interface RunningService {
  url: string;
  /** The child's process id, to read its memory. */
  pid: number;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

async function healthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the service did not answer ${url}/health within ${timeoutMs / 1000}s`);
}

/**
 * Starts `dist/apps/<service>/src/main.js` with `variables` on top of this process's environment; `portVariable`
 * names the variable its port is given in. Its output (warnings and errors only) is passed on, prefixed.
 */
export async function startServiceProcess(
  service: string,
  portVariable: string,
  variables: Record<string, string>,
  root = BUILT_ROOT,
): Promise<RunningService> {
  const port = await freePort();
  const main = path.resolve(root, 'apps', service, 'src/main.js');
  // BENCH_PROFILE=<folder>: each service writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`,
        `--cpu-prof-name=${root === BUILT_ROOT ? '' : 'beside-'}${service}.cpuprofile`,
      ]
    : [];
  const child = spawn(process.execPath, [...profile, main], {
    env: { ...process.env, ...variables, [portVariable]: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => process.stderr.write(`  [${service}] ${line}\n`));
  }
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // Requests the load generator gave up on when its time was over finish first, not against a closed pool.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited(child);
    clearTimeout(timer);
  };
  try {
    await healthy(url, child, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid!, stop };
}

export const PORT_VARIABLES: Record<ServiceName, string> = {
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
    THROTTLE_READ_LIMIT: 'off',
  };
}

/** Runs `main.js <command>` of a built service and waits for it to finish. */
export function runBuiltCommand(
  service: ServiceName,
  command: string,
  variables: Record<string, string>,
  root = BUILT_ROOT,
) {
  const main = path.resolve(root, 'apps', service, 'src/main.js');
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

/**
 * The four built services, each migrated and started as a process of its own, into `running` (so that the
 * caller stops what did start, whatever fails), and the directory filled with the demo spaces.
 */
export async function startAllServices(
  variables: Record<string, string>,
  running: Partial<Record<ServiceName, RunningService>>,
  root = BUILT_ROOT,
): Promise<Record<ServiceName, RunningService>> {
  for (const service of SERVICES) await runBuiltCommand(service, 'migrate', variables, root);
  for (const service of SERVICES) {
    running[service] = await startServiceProcess(service, PORT_VARIABLES[service], variables, root);
  }
  await runBuiltCommand('directory', 'seed-demo', variables, root);
  return running as Record<ServiceName, RunningService>;
}
