import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { BullMqClient } from '@cocomo/messaging';
import { migrateService } from '@cocomo/platform';
import { freePort, isolatedInfra, TestSmtpServer, type IsolatedInfra } from '@cocomo/testing';
import {
  envelopeOf,
  eventually,
  notifications,
  pause,
  quickDelays,
  verifyCommand,
} from './notifications-harness';

let infra: IsolatedInfra;
let smtp: TestSmtpServer;
let client: BullMqClient;
let database: Client;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  infra = await isolatedInfra({
    ...quickDelays,
    SMTP_URL: smtp.url,
    NOTIFICATIONS_PORT: String(await freePort()),
  });
  await migrateService(notifications, infra.env);
  client = new BullMqClient({
    redisUrl: infra.env.REDIS_URL,
    prefix: infra.env.QUEUE_PREFIX,
    requestTimeoutMs: 5000,
  });
  database = new Client({ connectionString: infra.env.DATABASE_URL });
  await database.connect();
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await client?.close();
  await database?.end();
  await smtp?.stop();
  await infra?.cleanup();
});

/** The notifications service as its own process, as it runs in production; resolves once /health answers. */
async function startChild(): Promise<{
  child: ChildProcess;
  exited: Promise<NodeJS.Signals | number | null>;
}> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', path.resolve(__dirname, '../src/main.ts')],
    {
      env: {
        ...process.env,
        ...infra.variables,
        SWC_NODE_PROJECT: path.resolve(__dirname, '../../../tsconfig.json'),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => (children.delete(child), resolve(signal ?? code))),
  );
  const health = `http://127.0.0.1:${infra.env.NOTIFICATIONS_PORT}/health`;
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`the service ended at start: ${stderr}`);
    return fetch(health).then(
      (response) => response.ok,
      () => false,
    );
  }, 30_000);
  return { child, exited };
}

const delivery = async (id: string) =>
  (await database.query(`select "status", "attempts" from "notifications"."delivery" where "id" = $1`, [id]))
    .rows[0] as { status: string; attempts: number } | undefined;

it('a service killed while a mail is in flight sends it exactly once after a restart, and loses nothing', async () => {
  const first = await startChild();
  const held = smtp.holdNext();
  const inFlight = verifyCommand();
  await client.deliver([envelopeOf(inFlight)]);
  await held.arrived;
  expect(await delivery(inFlight.notificationId)).toEqual({ status: 'sending', attempts: 1 });

  // The process dies before the server answers: the connection closes, and the server drops the message.
  first.child.kill('SIGKILL');
  expect(await first.exited).toBe('SIGKILL');
  held.drop();
  expect(smtp.withMessageId(`<${inFlight.notificationId}@cocomo>`)).toHaveLength(0);

  // A delivery committed by a process that died before it could queue it: only the deliveries table knows it.
  const unqueued = 'committed-but-never-queued';
  await database.query(
    `insert into "notifications"."delivery" ("id", "template", "locale", "recipient", "subject", "text", "html",
       "actions", "status", "attempts", "created_at")
     values ($1, 'space-verify', 'en', 'host@example.org', 'Left behind', 'Text', '<p>HTML</p>', '[]', 'queued', 0, now())`,
    [unqueued],
  );

  const second = await startChild();
  try {
    await eventually(async () => (await delivery(inFlight.notificationId))?.status === 'sent', 20_000);
    await eventually(async () => (await delivery(unqueued))?.status === 'sent', 20_000);
    await pause(1000);
    expect(smtp.withMessageId(`<${inFlight.notificationId}@cocomo>`)).toHaveLength(1);
    expect(smtp.withMessageId(`<${unqueued}@cocomo>`)).toHaveLength(1);
    expect(await delivery(inFlight.notificationId)).toEqual({ status: 'sent', attempts: 2 });
  } finally {
    second.child.kill('SIGTERM');
    await second.exited;
  }
});
