// Starts a real service in the test process: migrated schema, HTTP on a free port, its inbox worker.
import { createServer } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Environment } from '@cocomo/config';
import { createServiceApp, migrateService, startServiceApp, type ServiceApp } from '@cocomo/platform';

export interface ServiceUnderTest {
  app: NestExpressApplication;
  url: string;
  close: () => Promise<void>;
}

/** Starts the service on `port` (0: any free port). */
export async function startService(
  definition: ServiceApp,
  env: Environment,
  port = 0,
): Promise<ServiceUnderTest> {
  await migrateService(definition, env);
  const app = await createServiceApp(definition, env);
  await startServiceApp(app, definition, env, port);
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

/** Ports this process has handed out, so that none goes to two callers before either listens on it. */
const handedOut = new Set<number>();
/**
 * Ports are chosen below the kernel's ephemeral range (from 32768 on Linux), where neither a server listening on
 * port 0 nor an outgoing connection is given one: another test cannot take a port between its choice here and
 * its owner's listen, seconds later. Each jest worker draws from a block of its own.
 */
const FIRST_PORT = 20_000;
const BLOCK = 1_000;
const BLOCKS = 12;

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    // Services listen on every address: the port must be free there, not only on 127.0.0.1.
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

/** A port that is free and will stay so, for a service whose address must be known before it starts. */
export async function freePort(): Promise<number> {
  const block = FIRST_PORT + (Number(process.env.JEST_WORKER_ID ?? 0) % BLOCKS) * BLOCK;
  for (let attempt = 0; attempt < BLOCK; attempt++) {
    const port = block + Math.floor(Math.random() * BLOCK);
    if (handedOut.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`No free port between ${block} and ${block + BLOCK - 1}`);
}
