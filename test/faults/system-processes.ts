// The four services as separate processes on fixed ports, so the fault suite can SIGKILL any of them and
// start it again where it was. They run from the TypeScript sources (no build needed).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { ServiceName } from '@cocomo/contracts';
import { freePort } from '@cocomo/testing';

const ROOT = path.resolve(__dirname, '../..');
const routes = JSON.parse(readFileSync(path.join(ROOT, 'deploy/routes.json'), 'utf8')) as {
  services: Record<ServiceName, { portVariable: string; prefixes: string[] }>;
};
export const SERVICE_NAMES = Object.keys(routes.services) as ServiceName[];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface RunningProcess {
  child: ChildProcess;
  startedAt: number;
}

export class SystemProcesses {
  private readonly running = new Map<ServiceName, RunningProcess>();
  private readonly ports = new Map<ServiceName, number>();
  readonly kills = new Map<ServiceName, number>(SERVICE_NAMES.map((name) => [name, 0]));
  /** When each service was SIGKILLed (Date.now()). */
  readonly killedAt = new Map<ServiceName, number[]>(SERVICE_NAMES.map((name) => [name, []]));
  private stopping = false;

  constructor(
    private readonly variables: Record<string, string>,
    private readonly log: (line: string) => void,
  ) {}

  urlOf(service: ServiceName): string {
    return `http://127.0.0.1:${this.ports.get(service)}`;
  }

  /** The service that answers a path, by the longest matching prefix of deploy/routes.json (as the router does). */
  urlFor(pathname: string): string {
    let best: { service: ServiceName; length: number } | undefined;
    for (const service of SERVICE_NAMES) {
      for (const prefix of routes.services[service].prefixes) {
        const matches = pathname === prefix || pathname.startsWith(`${prefix}/`);
        if (matches && (!best || prefix.length > best.length)) best = { service, length: prefix.length };
      }
    }
    if (!best) throw new Error(`no service answers ${pathname}`);
    return this.urlOf(best.service);
  }

  /** Runs every service's migrations, then starts the four and waits until each is healthy. */
  async start(): Promise<void> {
    for (const service of SERVICE_NAMES) {
      this.ports.set(service, await freePort());
      await this.runToEnd(service, ['migrate']);
    }
    await Promise.all(SERVICE_NAMES.map((service) => this.launch(service)));
  }

  /** SIGKILL, then start again on the same port; resolves once it answers /health. */
  async killAndRestart(service: ServiceName): Promise<void> {
    const current = this.running.get(service);
    if (current) {
      current.child.kill('SIGKILL');
      this.killedAt.get(service)!.push(Date.now());
      await exited(current.child);
      this.kills.set(service, this.kills.get(service)! + 1);
    }
    if (!this.stopping) await this.launch(service);
  }

  /**
   * SIGTERM, as an orchestrator stops a pod: the service must stop taking work, finish or give back what it
   * holds, and exit by itself. Then starts it again. Says how it ended and how long it took.
   */
  async terminateAndRestart(
    service: ServiceName,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null; seconds: number }> {
    const { child } = this.running.get(service)!;
    const asked = Date.now();
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const outcome = await ended;
    clearTimeout(force);
    const seconds = (Date.now() - asked) / 1000;
    await this.launch(service);
    return { ...outcome, seconds };
  }

  /** Resident memory of each service's current process, in MB (from /proc). */
  residentMemoryMb(): Record<string, number> {
    const memory: Record<string, number> = {};
    for (const [service, { child }] of this.running) {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
        memory[service] = Math.round(kb / 102.4) / 10;
      } catch {
        memory[service] = NaN;
      }
    }
    return memory;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.running.values()].map(async ({ child }) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited(child);
        clearTimeout(force);
      }),
    );
  }

  private spawn(service: ServiceName, args: string[]): ChildProcess {
    const main = path.join(ROOT, 'apps', service, 'src/main.ts');
    const child = spawn(process.execPath, ['-r', '@swc-node/register', main, ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...this.variables,
        [routes.services[service].portVariable]: String(this.ports.get(service)),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => this.log(`[${service}] ${line}`));
    }
    return child;
  }

  private async runToEnd(service: ServiceName, args: string[]): Promise<void> {
    const code = await exited(this.spawn(service, args));
    if (code !== 0) throw new Error(`${service} ${args.join(' ')} exited with code ${code}`);
  }

  private async launch(service: ServiceName): Promise<void> {
    const child = this.spawn(service, []);
    this.running.set(service, { child, startedAt: Date.now() });
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        // Killed by the suite while starting, or it failed: the caller decides what comes next.
        if (this.running.get(service)?.child !== child || this.stopping) return;
        throw new Error(`${service} exited with code ${child.exitCode} while starting`);
      }
      const healthy = await fetch(`${this.urlOf(service)}/health`)
        .then((response) => response.ok)
        .catch(() => false);
      if (healthy) return;
      await sleep(200);
    }
    throw new Error(`${service} did not become healthy within 120 s`);
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}
