import { spawn } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import type { ServiceApp } from '@cocomo/platform';
import { freePort, isolatedInfra, startService, type IsolatedInfra } from '@cocomo/testing';
import { directoryDefinition, DirectoryModule } from '../../apps/directory/src/directory.module';
import { bookingsDefinition, BookingsModule } from '../../apps/bookings/src/bookings.module';
import {
  notificationsDefinition,
  NotificationsModule,
} from '../../apps/notifications/src/notifications.module';
import { metricsDefinition, MetricsModule } from '../../apps/metrics/src/metrics.module';

const services: ServiceApp[] = [
  { ...directoryDefinition, module: DirectoryModule.forRoot },
  { ...bookingsDefinition, module: BookingsModule.forRoot },
  { ...notificationsDefinition, module: NotificationsModule.forRoot },
  { ...metricsDefinition, module: MetricsModule.forRoot },
];

let infra: IsolatedInfra;
beforeAll(async () => {
  infra = await isolatedInfra();
});
afterAll(async () => {
  await infra?.cleanup();
});

it.each(services.map((service) => [service.service, service] as const))(
  'the %s service starts, migrates its own schema and answers /health with 200',
  async (_name, definition) => {
    const service = await startService(definition, infra.env);
    try {
      const response = await request(service.url).get('/health').expect(200);
      expect(response.body.details).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
    } finally {
      await service.close();
    }
  },
);

it('stops at start with a message naming a bad variable', async () => {
  const main = path.resolve(__dirname, '../../apps/directory/src/main.ts');
  const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', main], {
      env: { ...process.env, ...infra.variables, DIRECTORY_PORT: 'three thousand' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('DIRECTORY_PORT: must be a port number between 1 and 65535');
  expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
});

it('stops cleanly on SIGTERM', async () => {
  const main = path.resolve(__dirname, '../../apps/directory/src/main.ts');
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', main], {
    env: { ...process.env, ...infra.variables, DIRECTORY_PORT: String(port), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  // Compiling the sources on the fly takes a while when the other test files keep both cores busy.
  let up = false;
  for (let i = 0; i < 600 && !up; i++) {
    up = await request(`http://127.0.0.1:${port}`)
      .get('/health')
      .then((response) => response.status === 200)
      .catch(() => false);
    if (!up) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(up).toBe(true);
  child.kill('SIGTERM');
  // Nest runs the shutdown hooks, then ends the process with the signal it received.
  expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
  expect(stdout).toContain('Outbox relay stopped and queues closed');
}, 90_000);
