// Starts a real service in the test process: migrated schema, HTTP on a free port, its inbox worker.
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

/** A port that was free a moment ago, for a service whose address must be known before it starts. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
