// `npm run demo` played to its end against a running system: the four services and the router, as `npm start`
// runs them, with a short report delay (BOOKING_REPORT_AFTER) so that the event report comes within the test.
// The limit on public writes stays on, tight (one write per address in 4 s, wide enough that a slow, busy
// machine still writes twice within it), so the demo must also wait when the system asks it to.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  freePort,
  isolatedInfra,
  startService,
  type IsolatedInfra,
  type ServiceUnderTest,
} from '@cocomo/testing';
import type { ServiceApp } from '@cocomo/platform';
import { directoryApp } from '../../apps/directory/src/directory.module';
import { bookingsDefinition, BookingsModule } from '../../apps/bookings/src/bookings.module';
import {
  notificationsDefinition,
  NotificationsModule,
} from '../../apps/notifications/src/notifications.module';
import { metricsDefinition, MetricsModule } from '../../apps/metrics/src/metrics.module';

const root = path.resolve(__dirname, '../..');
const services: [string, ServiceApp][] = [
  ['DIRECTORY_PORT', directoryApp],
  ['BOOKINGS_PORT', { ...bookingsDefinition, module: BookingsModule.forRoot }],
  ['NOTIFICATIONS_PORT', { ...notificationsDefinition, module: NotificationsModule.forRoot }],
  ['METRICS_PORT', { ...metricsDefinition, module: MetricsModule.forRoot }],
];

let infra: IsolatedInfra;
let ports: Record<string, string>;
let routerUrl: string;
let router: ChildProcess | undefined;
const running: ServiceUnderTest[] = [];

beforeAll(async () => {
  // The router and the demo read their defaults from the built config library, as under `npm start`.
  if (!existsSync(path.join(root, 'dist/libs/config/src/index.js'))) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  ports = { ROUTER_PORT: String(await freePort()) };
  for (const [variable] of services) ports[variable] = String(await freePort());
  routerUrl = `http://127.0.0.1:${ports.ROUTER_PORT}`;
  infra = await isolatedInfra({
    ...ports,
    PUBLIC_BASE_URL: routerUrl,
    BOOKING_REPORT_AFTER: '2s',
    THROTTLE_LIMIT: '1',
    THROTTLE_TTL: '4s',
  });
  for (const [variable, definition] of services) {
    running.push(await startService(definition, infra.env, Number(ports[variable])));
  }
  router = spawn(process.execPath, [path.join(root, 'deploy/local/router.mjs')], {
    env: { ...process.env, ...infra.variables, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    const up = await request(routerUrl)
      .get('/health')
      .then((response) => response.status === 200)
      .catch(() => false);
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the router did not come up');
}, 120_000);

afterAll(async () => {
  router?.kill('SIGTERM');
  for (const service of running.reverse()) await service.close();
  await infra?.cleanup();
});

function runDemo(variables: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'deploy/local/demo.mjs')], {
      env: { ...process.env, ...variables, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

it('plays every step of the story, printing the mails, and leaves the bookings where the story says', async () => {
  const { code, output } = await runDemo({
    ROUTER_PORT: ports.ROUTER_PORT,
    OPERATOR_TOKEN: infra.variables.OPERATOR_TOKEN,
    OPERATOR_EMAIL: infra.env.OPERATOR_EMAIL,
  });
  expect({ code, output }).toMatchObject({ code: 0 });
  const steps = [
    '1. Spaces register, their hosts confirm by mail, and an operator approves them',
    '2. An organizer asks for a space',
    '3. The host declines',
    '4. The fallback: the next candidate is asked, and accepts',
    '5. A late denial, rescued by the urgent fan-out',
    '6. A cancellation',
    '7. The event report',
    '8. The metrics',
    'The end: every step was played',
  ];
  const positions = steps.map((step) => output.indexOf(`==> ${step}`));
  expect(positions.every((at) => at >= 0)).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  expect(output).toMatch(/mail to aino\.\w+@example\.org: "Confirm your email address for Savo Hacklab"/);
  expect(output).toMatch(/presses "No, we cannot host it"/);
  expect(output).toMatch(/the fallback protocol asks 3 spaces at once/);
  expect(output).toMatch(/mail to operators@cocomo\.localhost: "Late denial: /);
  expect(output).toMatch(/mail to \w+\.\w+@example\.org: "Cancelled: Rust meetup/);
  expect(output).toContain('the event is recorded as held');
  expect(output).toMatch(/the space's public profile now lists it: http:\/\/\S+\/map\/spaces\/[0-9a-f-]{36}/);
  expect(output).toContain('(the system limits how fast one address may write; waiting');

  // What the demo says happened, the bookings service says too.
  const { body } = await request(routerUrl)
    .get('/api/bookings')
    .set('authorization', `Bearer ${infra.variables.OPERATOR_TOKEN}`)
    .expect(200);
  const states = Object.fromEntries(
    body.items.map((item: { event: { title: string }; state: string }) => [
      item.event.title.split(' ')[0],
      item.state,
    ]),
  );
  expect(states).toEqual({ Rust: 'cancelled', Python: 'confirmed', Linux: 'held' });
}, 420_000);

it('says in one line how to start the system when nothing answers', async () => {
  const { code, output } = await runDemo({ ROUTER_PORT: String(await freePort()) });
  expect(code).toBe(1);
  expect(output).toMatch(/^demo: CoCoMo is not running at http:\/\/127\.0\.0\.1:\d+\. Start it first with/m);
  expect(output).not.toMatch(/\n\s+at /);
});
