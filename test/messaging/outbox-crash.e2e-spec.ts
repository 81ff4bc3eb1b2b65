import { spawn } from 'node:child_process';
import path from 'node:path';
import { Queue } from 'bullmq';
import { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { inboxQueue, spaceRegistered } from '@cocomo/contracts';
import { redisOptions } from '@cocomo/messaging';
import { migrateService } from '@cocomo/platform';
import { isolatedInfra, startService, type IsolatedInfra } from '@cocomo/testing';
import { directoryDefinition, DirectoryModule } from '../../apps/directory/src/directory.module';

const directory = { ...directoryDefinition, module: DirectoryModule.forRoot };
let infra: IsolatedInfra;

beforeAll(async () => {
  infra = await isolatedInfra();
  await migrateService(directory, infra.env);
});
afterAll(async () => {
  await infra?.cleanup();
});

function runChild(script: string): Promise<NodeJS.Signals | number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', script], {
      env: {
        ...process.env,
        ...infra.variables,
        SWC_NODE_PROJECT: path.resolve(__dirname, '../../tsconfig.json'),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child ended with ${code ?? signal}: ${stderr}`));
      else resolve(signal);
    });
  });
}

it('delivers an event committed with its state change even when the process dies before publishing it', async () => {
  expect(await runChild(path.join(__dirname, 'register-then-die.ts'))).toBe('SIGKILL');

  // The dead process committed the space and its event, and published nothing.
  const database = new Client({ connectionString: infra.env.DATABASE_URL });
  await database.connect();
  const { rows: left } = await database.query(
    `select s."id", o."published_at" from "directory"."space" s
     join "directory"."outbox_message" o on o."payload"->>'spaceId' = s."id"::text
     where s."name" = 'Crash Test Hall'`,
  );
  await database.end();
  expect(left).toEqual([{ id: expect.any(String), published_at: null }]);
  const space = left[0];

  const service = await startService(directory, infra.env);
  const orm = { em: service.app.get(EntityManager) };
  const queue = new Queue(inboxQueue('metrics'), {
    connection: redisOptions(infra.env.REDIS_URL),
    prefix: infra.env.QUEUE_PREFIX,
  });
  try {
    // The relay of the restarted service finds the row the dead process left behind and publishes it.
    let job;
    for (let i = 0; i < 100 && !job; i++) {
      const jobs = await queue.getJobs(['waiting', 'active', 'completed', 'delayed']);
      job = jobs.find((candidate) => candidate.data.payload.spaceId === space.id);
      if (!job) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(job?.name).toBe(spaceRegistered.name);
    const [row] = await orm.em
      .fork()
      .execute(
        `select "id", "published_at" from "directory"."outbox_message" where "payload"->>'spaceId' = ?`,
        [space.id],
      );
    expect(job?.id).toBe(row.id);
    expect(row.id).not.toContain(':');
    for (let i = 0; i < 50; i++) {
      const [again] = await orm.em
        .fork()
        .execute(`select "published_at" from "directory"."outbox_message" where "id" = ?`, [row.id]);
      if (again.published_at) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the outbox row was never marked published');
  } finally {
    await queue.close();
    await service.close();
  }
});
