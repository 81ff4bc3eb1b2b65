// Starts a real service in the test process: migrated schema, HTTP on a free port, its inbox worker.
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Environment } from '@cocomo/config';
import { createServiceApp, migrateService, startServiceApp, type ServiceApp } from '@cocomo/platform';

export interface ServiceUnderTest {
  app: NestExpressApplication;
  url: string;
  close: () => Promise<void>;
}

export async function startService(definition: ServiceApp, env: Environment): Promise<ServiceUnderTest> {
  await migrateService(definition, env);
  const app = await createServiceApp(definition, env);
  await startServiceApp(app, definition, env, 0);
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}
