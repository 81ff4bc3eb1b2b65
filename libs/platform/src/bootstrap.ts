// Starting a service: validated configuration first, then HTTP, then its inbox worker; SIGTERM stops all in order.
import type { DynamicModule, INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { Registry } from 'prom-client';
import {
  databaseSourceOf,
  EnvironmentError,
  readEnvironment,
  serviceDatabaseUrl,
  servicePort,
  type Environment,
} from '@cocomo/config';
import type { ServiceName } from '@cocomo/contracts';
import { BullMqServer, Inbox } from '@cocomo/messaging';
import { ensureDatabase, migrate } from '@cocomo/persistence';
import { mountApiDocs } from './api-docs';
import { HttpDraining } from './http-draining';
import { ormOptionsFor, type ServiceDefinition } from './platform.module';
import { refuseCrossSiteOperatorWrites } from './cross-site-operator-writes';
import { carryCsrfToken } from './operators/csrf';
import { carryPageLocale } from './page-locale';
import { OperatorCredentials } from './operators/operator-credentials';
import { LOCAL_OPERATOR_KEYS, type OperatorKeySource } from './operators/operator-key-source';
import { measureRequests } from './signals/request-durations';

export interface ServiceApp extends ServiceDefinition {
  service: ServiceName;
  /** The root module of the service, built from the validated environment. */
  module: (env: Environment) => DynamicModule;
  configure?: (app: NestExpressApplication, env: Environment) => void;
  /** The one service that keeps the operators' accounts provides LOCAL_OPERATOR_KEYS and checks against itself. */
  ownsOperatorAccounts?: boolean;
}

export function environmentOrExit(): Environment {
  try {
    return readEnvironment();
  } catch (error) {
    if (error instanceof EnvironmentError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

export async function createServiceApp(
  definition: ServiceApp,
  env: Environment,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(definition.module(env), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  // While the service stops, no answer keeps its connection open (else a polling client could hold it forever).
  app.use(app.get(HttpDraining).middleware);
  // Next, so that every answer is timed, refusals included.
  app.use(measureRequests(app.get(Registry)));
  app.useBodyParser('json', { limit: '64kb' });
  app.useBodyParser('urlencoded', { limit: '64kb', extended: false });
  app.disable('x-powered-by');
  // X-Forwarded-For names the client only when it comes from a proxy TRUST_PROXY names (rate limits use it).
  app.set('trust proxy', env.TRUST_PROXY);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:', 'https:', 'http:'],
          // The sign-in page's "Sign in with …" form is redirected to the organisation's provider.
          'form-action': [
            "'self'",
            ...(env.OPERATOR_OIDC_ISSUER ? [new URL(env.OPERATOR_OIDC_ISSUER).origin] : []),
          ],
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  app.use(refuseCrossSiteOperatorWrites);
  // The language of the page, for every page of every service (a controller may still say another).
  app.use(carryPageLocale);
  // Who the operator is, read once for every guard and page; the owner of the accounts checks against itself.
  const local = definition.ownsOperatorAccounts ? app.get<OperatorKeySource>(LOCAL_OPERATOR_KEYS) : undefined;
  const credentials = new OperatorCredentials(env, local);
  app.use(credentials.middleware, carryCsrfToken);
  app.getHttpServer().on('close', () => credentials.stop());
  definition.configure?.(app, env);
  mountApiDocs(app, definition.service, definition.apiPrefix);
  app.enableShutdownHooks();
  if (env.ROLE !== 'web') {
    app.connectMicroservice(
      {
        strategy: new BullMqServer({
          service: definition.service,
          redisUrl: env.REDIS_URL,
          prefix: env.QUEUE_PREFIX,
          concurrency: definition.concurrency ?? 16,
          inbox: app.get(Inbox),
        }),
      },
      { inheritAppConfig: true },
    );
  }
  return app;
}

/** Starts the service and its inbox worker; returns once both are up. */
export async function startServiceApp(
  app: INestApplication,
  definition: ServiceApp,
  env: Environment,
  port = servicePort(env, definition.service),
): Promise<void> {
  await app.startAllMicroservices();
  await app.listen(port, '0.0.0.0');
  app.get(Logger).log(`${definition.service} listening on port ${port} (role ${env.ROLE})`);
}

/** A one-off task run inside the service's application context (no HTTP, no inbox worker). */
export type ServiceCommand = (context: INestApplicationContext, env: Environment) => Promise<void>;

/** Creates the database if it is missing and applies the service's pending migrations. */
export async function migrateService(definition: ServiceDefinition, env: Environment): Promise<string[]> {
  await ensureDatabase(serviceDatabaseUrl(env, definition.service));
  return migrate(ormOptionsFor(definition, env, await definition.migrations()));
}

/**
 * The entry point of every service: `main.js` runs it, `main.js migrate` applies its migrations, and other
 * words run the service's own commands (for example `seed-demo`).
 */
export async function runServiceCommand(
  definition: ServiceApp,
  commands: Record<string, ServiceCommand> = {},
): Promise<void> {
  const [word] = process.argv.slice(2);
  const env = environmentOrExit();
  try {
    if (word === undefined)
      return await startServiceApp(await createServiceApp(definition, env), definition, env);
    if (word === 'migrate') {
      const applied = await migrateService(definition, env);
      process.stdout.write(
        `${definition.service}: ${applied.length ? `applied ${applied.join(', ')}` : 'schema is up to date'}\n`,
      );
      return;
    }
    const command = commands[word];
    if (!command) {
      const known = ['migrate', ...Object.keys(commands)].join(', ');
      process.stderr.write(`Unknown command "${word}" for ${definition.service}; known: ${known}\n`);
      process.exit(2);
    }
    const context = await NestFactory.createApplicationContext(definition.module(env), {
      logger: ['error', 'warn'],
    });
    try {
      await command(context, env);
    } finally {
      await context.close();
    }
  } catch (error) {
    process.stderr.write(`${definition.service}: ${explainStartupFailure(error, env, definition.service)}\n`);
    process.exit(1);
  }
}

/** One line a person can act on, for the failures a newcomer meets first. */
export function explainStartupFailure(error: unknown, env: Environment, service: ServiceName): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string })?.code;
  const databaseUrl = serviceDatabaseUrl(env, service);
  const variable = databaseSourceOf(env, service);
  if (code === 'ECONNREFUSED' && /5432|postgres/i.test(message + databaseUrl)) {
    return `cannot reach PostgreSQL at ${new URL(databaseUrl).host} (${variable}). Start it, for example with "pg_ctlcluster <version> main start" or "docker compose up -d postgres".`;
  }
  if (code === 'ECONNREFUSED') {
    return `cannot connect (${message}). Is PostgreSQL (${variable}) or Redis (REDIS_URL) running?`;
  }
  return error instanceof Error ? (error.stack ?? message) : message;
}
