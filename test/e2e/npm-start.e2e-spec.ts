// `npm start`, the README's one command, run as a newcomer runs it (deploy/local/start.mjs on the built tree):
// it migrates, loads the demo spaces, starts the four services and the router, and prints the addresses to
// open. Every address it prints answers; operator pages ask for the token; Ctrl-C stops everything.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { freePort, isolatedInfra, type IsolatedInfra } from '@cocomo/testing';

const root = path.resolve(__dirname, '../..');
const TOKEN = 'start-test-operator-token';
/** Pages the printout says need the operator token. */
const OPERATOR_PAGES = ['/dashboard', '/queues', '/review', '/bookings'];

let infra: IsolatedInfra;
let start: ChildProcess;
let output = '';
let exited: Promise<number | null>;
let logDir: string;
let base: string;

/** Resolves once the output contains the text; fails naming what was printed when the command ends first. */
function printed(text: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(check);
      reject(new Error(`"${text}" was not printed within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const check = setInterval(() => {
      if (output.includes(text)) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      } else if (start.exitCode !== null) {
        clearInterval(check);
        clearTimeout(timer);
        reject(new Error(`npm start ended (code ${start.exitCode}) before printing "${text}":\n${output}`));
      }
    }, 100);
  });
}

beforeAll(async () => {
  if (!existsSync(path.join(root, 'dist/apps/directory/src/main.js'))) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const ports: Record<string, string> = {};
  for (const variable of [
    'ROUTER_PORT',
    'DIRECTORY_PORT',
    'BOOKINGS_PORT',
    'NOTIFICATIONS_PORT',
    'METRICS_PORT',
  ]) {
    ports[variable] = String(await freePort());
  }
  base = `http://127.0.0.1:${ports.ROUTER_PORT}`;
  infra = await isolatedInfra({ ...ports, OPERATOR_TOKEN: TOKEN, LOG_LEVEL: 'info' });
  logDir = mkdtempSync(path.join(tmpdir(), 'cocomo-start-logs-'));
  start = spawn(process.execPath, [path.join(root, 'deploy/local/start.mjs')], {
    cwd: root,
    env: { ...process.env, ...infra.variables, LOG_DIR: logDir, NO_COLOR: '1', PUBLIC_BASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  start.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  start.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  exited = new Promise((resolve) => start.once('exit', (code) => resolve(code)));
  await printed('Press Ctrl-C to stop everything.', 150_000);
}, 180_000);

afterAll(async () => {
  if (start?.exitCode === null) {
    start.kill('SIGINT');
    await exited;
  }
  rmSync(logDir, { recursive: true, force: true });
  await infra?.cleanup();
});

/** The addresses printed after "CoCoMo is running. Open:". */
function printedAddresses(): string[] {
  const listing = output.slice(output.indexOf('CoCoMo is running. Open:'));
  return [...listing.matchAll(/http:\/\/127\.0\.0\.1:\d+\/[^\s,]*/g)].map((match) => match[0]);
}

it('prints the map, the APIs, their docs, the mailbox, health and the operator pages, on the router', () => {
  const paths = printedAddresses()
    .filter((address) => address.startsWith(base))
    .map((address) => address.slice(base.length));
  expect(paths).toEqual(
    expect.arrayContaining([
      '/map',
      '/map/register',
      '/request',
      '/api/spaces',
      '/api/metrics',
      '/mailbox',
      '/api/spaces/docs',
      '/api/bookings/docs',
      '/api/notifications/docs',
      '/api/metrics/docs',
      '/health',
      ...OPERATOR_PAGES,
    ]),
  );
  expect(output).toContain('operator pages and API need the token the OPERATOR_TOKEN you set');
});

it('answers every address it printed: operator pages with the token, the others to anyone', async () => {
  const addresses = printedAddresses();
  expect(addresses.length).toBeGreaterThanOrEqual(14);
  for (const address of addresses) {
    const { pathname } = new URL(address);
    if (OPERATOR_PAGES.includes(pathname)) {
      await request(address).get('').expect(401);
      await request(address).get('').auth('operator', TOKEN).expect(200);
    } else {
      const response = await request(address).get('');
      expect({ address, status: response.status }).toEqual({ address, status: 200 });
    }
  }
});

it('has loaded the fifty demo spaces, approved and on the map', async () => {
  const { body } = await request(base).get('/api/spaces.geojson?limit=200').expect(200);
  expect(body.features).toHaveLength(50);
});

it('keeps the raw logs in LOG_DIR, and stops everything on Ctrl-C', async () => {
  expect(readdirSync(logDir).sort()).toEqual([
    'bookings.log',
    'directory.log',
    'metrics.log',
    'notifications.log',
    'router.log',
  ]);
  start.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(output).toContain('all stopped');
  await expect(request(base).get('/health')).rejects.toThrow(/ECONNREFUSED/);
});
