// The probes every service answers: /health/live says the process answers, whatever PostgreSQL and Redis do;
// /health/ready (and /health, the same) says it can serve: PostgreSQL and Redis answer and its schema holds the
// code's latest migration. A service started on a database nobody migrated says so in its log and in
// /health/ready, and refuses writes with 503 naming the migration, until its migrations run.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { readEnvironment } from '@cocomo/config';
import { createServiceApp, migrateService, startServiceApp } from '@cocomo/platform';
import { isolatedInfra, startService, type IsolatedInfra, type ServiceUnderTest } from '@cocomo/testing';
import { directoryApp } from '../../apps/directory/src/directory.module';
import { theFourServices } from './the-four-services';

const services = theFourServices;
const directoryLatest = directoryApp.latestMigration;

let infra: IsolatedInfra;
beforeAll(async () => {
  infra = await isolatedInfra();
});
afterAll(async () => {
  await infra?.cleanup();
});

it.each(services.map((service) => [service.service, service] as const))(
  'the %s service names its last migration as the one /health/ready looks for',
  async (_name, definition) => {
    expect(definition.latestMigration).toBe((await definition.migrations()).at(-1)!.name);
  },
);

describe.each(services.map((service) => [service.service, service] as const))(
  'the %s service',
  (_name, definition) => {
    let service: ServiceUnderTest;
    beforeAll(async () => {
      service = await startService(definition, infra.env);
    });
    afterAll(async () => {
      await service?.close();
    });

    it('is live, and ready with PostgreSQL, Redis and its latest migration; /health says the same', async () => {
      expect((await request(service.url).get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
      const ready = await request(service.url).get('/health/ready').expect(200);
      expect(ready.body.details).toEqual({
        database: { status: 'up' },
        redis: { status: 'up' },
        schema: { status: 'up', migration: definition.latestMigration },
      });
      expect((await request(service.url).get('/health').expect(200)).body).toEqual(ready.body);
    });
  },
);

it('stays live but not ready while Redis does not answer', async () => {
  const env = readEnvironment({ ...infra.variables, REDIS_URL: 'redis://127.0.0.1:1', ROLE: 'web' });
  const service = await startService(services[1], env);
  try {
    await request(service.url).get('/health/live').expect(200);
    const ready = await request(service.url).get('/health/ready').expect(503);
    expect(ready.body.details).toMatchObject({ database: { status: 'up' }, redis: { status: 'down' } });
  } finally {
    await service.close();
  }
});

it('stays live but not ready while PostgreSQL refuses its connections, and is ready again after', async () => {
  const own = await isolatedInfra();
  const service = await startService(directoryApp, own.env);
  const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  const name = new URL(own.env.DATABASE_URL).pathname.slice(1);
  try {
    await admin.query(`alter database "${name}" with allow_connections false`);
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]);
    await request(service.url).get('/health/live').expect(200);
    const ready = await request(service.url).get('/health/ready').expect(503);
    expect(ready.body.details.database.status).toBe('down');
    await admin.query(`alter database "${name}" with allow_connections true`);
    let again = 0;
    for (let i = 0; i < 50 && again !== 200; i++) {
      again = (await request(service.url).get('/health/ready')).status;
      if (again !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(again).toBe(200);
  } finally {
    await admin.query(`alter database "${name}" with allow_connections true`);
    await admin.end();
    await service.close();
    await own.cleanup();
  }
});

describe('on a database nobody migrated', () => {
  let fresh: IsolatedInfra;
  beforeAll(async () => {
    fresh = await isolatedInfra();
  });
  afterAll(async () => {
    await fresh?.cleanup();
  });

  it('the service says in its log, at start, which migration is missing and how to apply it', async () => {
    const main = path.resolve(__dirname, '../../apps/directory/src/main.ts');
    const child = spawn(process.execPath, ['-r', '@swc-node/register', main], {
      env: { ...process.env, ...fresh.variables, DIRECTORY_PORT: '0', LOG_LEVEL: 'info', ROLE: 'web' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      for (let i = 0; i < 600 && !output.includes('is not migrated'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const line = output.split('\n').find((entry) => entry.includes('is not migrated'));
      expect(line).toBeDefined();
      expect(JSON.parse(line!)).toMatchObject({
        level: 50,
        msg: expect.stringContaining(`migration ${directoryLatest} has not been applied`),
      });
      expect(JSON.parse(line!).msg).toContain('node dist/apps/directory/src/main.js migrate');
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 90_000);

  it('answers not ready and refuses writes with 503 naming the migration, then serves once migrated', async () => {
    const app = await createServiceApp(directoryApp, fresh.env);
    await startServiceApp(app, directoryApp, fresh.env, 0);
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    try {
      await request(url).get('/health/live').expect(200);
      const ready = await request(url).get('/health/ready').expect(503);
      expect(ready.body.details.schema).toMatchObject({ status: 'down', missing: directoryLatest });
      const space = {
        name: 'Kochi Makers',
        kind: 'hackerspace',
        description: 'Two rooms and a projector',
        address: '1 Marine Drive',
        city: 'Kochi',
        country: 'IN',
        latitude: 9.97,
        longitude: 76.28,
        timezone: 'Asia/Kolkata',
        capacity: 35,
        amenities: ['wifi'],
        pricing: { model: 'free' },
        marketRate: { amount: 6000, currency: 'INR', per: 'day' },
        host: { name: 'Anu', email: 'anu@example.org' },
        eligibility: { supportsFoss: true, nonCommercialPledge: true },
      };
      const refused = await request(url).post('/api/spaces').send(space).expect(503);
      expect(refused.body.message).toContain(`migration ${directoryLatest} has not been applied`);

      await migrateService(directoryApp, fresh.env);
      await request(url).get('/health/ready').expect(200);
      await request(url).post('/api/spaces').send(space).expect(201);
    } finally {
      await app.close();
    }
  });
});
