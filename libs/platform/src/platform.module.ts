// What every service is made of besides its domain: validated configuration, JSON logs, its database schema,
// the message bus, its health (/health/live, /health/ready) and its signals (/metrics).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Global, Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { MikroORM } from '@mikro-orm/postgresql';
import type { MigrationObject } from '@mikro-orm/core';
import type { Options } from '@mikro-orm/postgresql';
import { LoggerModule } from 'nestjs-pino';
import { Registry } from 'prom-client';
import { ZodValidationPipe } from 'nestjs-zod';
import { serviceDatabaseUrl, type Environment } from '@cocomo/config';
import { inboxQueue, type ServiceName } from '@cocomo/contracts';
import {
  MessagingModule,
  OutboxMessage,
  ProcessedMessage,
  Timer,
  currentCorrelationId,
  withCorrelationId,
} from '@cocomo/messaging';
import { serviceOrmOptions } from '@cocomo/persistence';
import { ENVIRONMENT } from './environment.token';
import { HealthController } from './health/health.controller';
import { MigratedSchema } from './health/migrated-schema';
import { RedisHealthIndicator } from './health/redis.health';
import { OperatorGuard } from './operator.guard';
import { ConflictRetryInterceptor } from './conflict-retry.interceptor';
import { ProblemFilter } from './problem.filter';
import { HttpDraining } from './http-draining';
import { PublicRequestLimitsModule } from './public-request-limits';
import { WellFormedTextPipe } from './well-formed-text.pipe';
import { PageLanguagePipe } from './page-language.pipe';
import { PrometheusController } from './signals/prometheus.controller';
import { serviceRegistry } from './signals/service-registry';

export interface ServiceDefinition {
  service: ServiceName;
  /** The service's API path prefix, e.g. "api/spaces": its OpenAPI docs are also served under it. */
  apiPrefix: string;
  entities: NonNullable<Options['entities']>;
  /**
   * The service's migrations, loaded only to migrate: their base class brings MikroORM's migrator (umzug and its
   * command line) along, which a running service has no use for and would carry in its memory.
   */
  migrations: () => Promise<MigrationObject[]>;
  /** The name of the last of those migrations: /health/ready checks that the schema has it, without loading them. */
  latestMigration: string;
  /** The service keeps timers in a `timer` table of its schema (see libs/messaging/src/timers). */
  timers?: boolean;
  /** How many inbox messages the service handles at once (16 unless said). */
  concurrency?: number;
  /** The queues whose depths and delays the service reports on /metrics (its own inbox unless said). */
  queues?: string[];
}

/** The service's MikroORM options; `migrations` only when they are to be run. */
export function ormOptionsFor(
  definition: ServiceDefinition,
  env: Environment,
  migrations: MigrationObject[] = [],
): Options {
  return serviceOrmOptions({
    service: definition.service,
    databaseUrl: serviceDatabaseUrl(env, definition.service),
    entities: [
      ...definition.entities,
      OutboxMessage,
      ProcessedMessage,
      ...(definition.timers ? [Timer] : []),
    ],
    migrations,
  });
}

/**
 * The request's correlation id: the caller's X-Correlation-Id when it is a plain token, else a new one; kept
 * as the request's id (which pino's request logger and the middleware below both read, whichever runs
 * first) and answered in the response's X-Correlation-Id.
 */
function correlationIdOf(request: IncomingMessage & { id?: unknown }, response: ServerResponse): string {
  if (typeof request.id === 'string') return request.id;
  const given = request.headers['x-correlation-id'];
  const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
  request.id = id;
  response.setHeader('x-correlation-id', id);
  return id;
}

@Global()
@Module({})
export class PlatformModule implements NestModule {
  static forRoot(definition: ServiceDefinition, env: Environment): DynamicModule {
    const registry = serviceRegistry();
    return {
      module: PlatformModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: env.LOG_LEVEL,
            base: { service: definition.service },
            genReqId: (request, response) => correlationIdOf(request, response),
            // The request's log line shows the id as req.id; every line written while handling it (and while
            // handling the messages it causes, in every service) carries it as correlationId.
            customAttributeKeys: { reqId: 'requestId' },
            mixin: () => {
              const correlationId = currentCorrelationId();
              return correlationId ? { correlationId } : {};
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            // Probes and scrapes come every few seconds; their answers are in /health and /metrics themselves.
            autoLogging: { ignore: (request) => /^\/(health|metrics)(\/|\?|$)/.test(request.url ?? '') },
          },
        }),
        MikroOrmModule.forRoot(ormOptionsFor(definition, env)),
        MessagingModule.forRoot(env, {
          timers: definition.timers,
          queues: definition.queues ?? [inboxQueue(definition.service)],
          registry,
        }),
        TerminusModule.forRoot({ logger: false }),
        PublicRequestLimitsModule.forRoot(env),
      ],
      controllers: [HealthController, PrometheusController],
      providers: [
        { provide: ENVIRONMENT, useValue: env },
        { provide: Registry, useValue: registry },
        RedisHealthIndicator,
        HttpDraining,
        {
          provide: MigratedSchema,
          inject: [MikroORM],
          useFactory: (orm: MikroORM) =>
            new MigratedSchema(orm, definition.service, definition.latestMigration),
        },
        OperatorGuard,
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: ConflictRetryInterceptor },
        { provide: APP_PIPE, useClass: WellFormedTextPipe },
        { provide: APP_PIPE, useClass: PageLanguagePipe },
        { provide: APP_PIPE, useClass: ZodValidationPipe },
      ],
      exports: [ENVIRONMENT, OperatorGuard, MigratedSchema, Registry, HttpDraining],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // The correlation id pino gave the request follows it into the messages it causes.
    consumer
      .apply((request: IncomingMessage, response: ServerResponse, next: () => void) =>
        withCorrelationId(correlationIdOf(request, response), next),
      )
      .forRoutes('*');
  }
}
