// A real Redis Cluster for a test: redis-server processes with cluster mode on, on loopback ports of their own,
// joined with `redis-cli --cluster create` (no replicas), and stopped and removed at the end.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './service-under-test';

const run = promisify(execFile);

export interface TestRedisCluster {
  /** REDIS_URL of the cluster: redis+cluster://127.0.0.1:P1,127.0.0.1:P2,… */
  url: string;
  ports: number[];
  stop: () => Promise<void>;
}

async function answers(port: number, ...command: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...command]);
  return stdout;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`the test's Redis Cluster: ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startRedisCluster(size = 3): Promise<TestRedisCluster> {
  const folder = mkdtempSync(path.join(tmpdir(), 'cocomo-redis-cluster-'));
  const servers: ChildProcess[] = [];
  const ports: number[] = [];
  const stop = async () => {
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            if (server.exitCode !== null || server.signalCode !== null) return resolve();
            server.once('exit', () => resolve());
            server.kill('SIGTERM');
          }),
      ),
    );
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < size; i++) {
      // The cluster bus gets a port of its own too, rather than port + 10000, which another test may hold.
      const [port, busPort] = [await freePort(), await freePort()];
      ports.push(port);
      servers.push(
        spawn(
          'redis-server',
          [
            ...['--port', String(port), '--cluster-port', String(busPort), '--bind', '127.0.0.1'],
            ...['--cluster-enabled', 'yes', '--cluster-config-file', path.join(folder, `nodes-${port}.conf`)],
            ...['--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', folder],
          ],
          { stdio: 'ignore' },
        ),
      );
    }
    for (const port of ports)
      await until(`${port} answers`, async () => (await answers(port, 'ping')).includes('PONG'));
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((port) => `127.0.0.1:${port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    for (const port of ports) {
      await until(`${port} sees the cluster ok`, async () =>
        (await answers(port, 'cluster', 'info')).includes('cluster_state:ok'),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis+cluster://${ports.map((port) => `127.0.0.1:${port}`).join(',')}`, ports, stop };
}
