// What every service is made of besides its domain: validated configuration, JSON logs, its database schema,
// the message bus and /health.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Global, Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ConfigModule } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import type { MigrationObject } from '@mikro-orm/core';
import type { Options } from '@mikro-orm/postgresql';
import { LoggerModule } from 'nestjs-pino';
import { ZodValidationPipe } from 'nestjs-zod';
import type { Environment } from '@cocomo/config';
import type { ServiceName } from '@cocomo/contracts';
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
import { RedisHealthIndicator } from './health/redis.health';
import { OperatorGuard } from './operator.guard';
import { ConflictRetryInterceptor } from './conflict-retry.interceptor';
import { ProblemFilter } from './problem.filter';
import { PublicRequestLimitsModule } from './public-request-limits';
import { WellFormedTextPipe } from './well-formed-text.pipe';

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
  /** The service keeps timers in a `timer` table of its schema (see libs/messaging/src/timers). */
  timers?: boolean;
  /** How many inbox messages the service handles at once (16 unless said). */
  concurrency?: number;
}

/** The service's MikroORM options; `migrations` only when they are to be run. */
export function ormOptionsFor(
  definition: ServiceDefinition,
  env: Environment,
  migrations: MigrationObject[] = [],
): Options {
  return serviceOrmOptions({
    service: definition.service,
    databaseUrl: env.DATABASE_URL,
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
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => env] }),
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
            autoLogging: { ignore: (request) => request.url === '/health' },
          },
        }),
        MikroOrmModule.forRoot(ormOptionsFor(definition, env)),
        MessagingModule.forRoot(env, { timers: definition.timers }),
        TerminusModule.forRoot({ logger: false }),
        PublicRequestLimitsModule.forRoot(env),
      ],
      controllers: [HealthController],
      providers: [
        { provide: ENVIRONMENT, useValue: env },
        RedisHealthIndicator,
        OperatorGuard,
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: ConflictRetryInterceptor },
        { provide: APP_PIPE, useClass: WellFormedTextPipe },
        { provide: APP_PIPE, useClass: ZodValidationPipe },
      ],
      exports: [ENVIRONMENT, OperatorGuard],
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
