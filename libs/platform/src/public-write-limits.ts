// Rate limits on public writes — registering a space, asking for a space, pressing a link's button: one client
// address may make THROTTLE_LIMIT of them per THROTTLE_TTL on each route; more get 429 with Retry-After.
// Reads are not limited, nor are requests with the valid operator token (a wrong token counts as public).
// The counts are kept in Redis, so that every replica of a service counts against the same limit.
import {
  HttpException,
  HttpStatus,
  Logger,
  Module,
  type DynamicModule,
  type ExecutionContext,
  type OnModuleDestroy,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import {
  ThrottlerGuard,
  ThrottlerModule,
  type ThrottlerLimitDetail,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { Request } from 'express';
import type { Environment } from '@cocomo/config';
import { redisOptions } from '@cocomo/messaging';
import { isOperator } from './operator.guard';

type WriteCount = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isPublicWrite(context: ExecutionContext, env: Environment): boolean {
  // Queue handlers share the application's guards; only HTTP requests come from a client address.
  if (context.getType() !== 'http') return false;
  const request = context.switchToHttp().getRequest<Request>();
  return !READS.has(request.method) && !isOperator(request, env);
}

/** The problem body every other refusal has, rather than the library's bare "Too Many Requests". */
export class PublicWriteThrottler extends ThrottlerGuard {
  protected override async throwThrottlingException(
    _context: ExecutionContext,
    limit: ThrottlerLimitDetail,
  ): Promise<void> {
    const period = Math.round(limit.ttl / 1000);
    throw new HttpException(
      {
        error: 'Too Many Requests',
        message: `Too many requests from your address: at most ${limit.limit} every ${period}s. Try again in ${limit.timeToBlockExpire}s.`,
        retryAfterSeconds: limit.timeToBlockExpire,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * The counts of public writes in Redis, under the deployment's QUEUE_PREFIX. When Redis cannot be reached the
 * write is let through, and a warning logged: a limit on abuse must not refuse every host and organizer.
 */
export class SharedWriteCounts implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger('PublicWriteLimits');
  private readonly counts: ThrottlerStorageRedisService;

  constructor(env: Pick<Environment, 'REDIS_URL' | 'QUEUE_PREFIX'>) {
    this.counts = new ThrottlerStorageRedisService({
      ...redisOptions(env.REDIS_URL),
      keyPrefix: `${env.QUEUE_PREFIX}:throttle:`,
      // A request waits for one reconnection at most, then goes on uncounted.
      maxRetriesPerRequest: 1,
    });
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<WriteCount> {
    try {
      return await this.counts.increment(key, ttl, limit, blockDuration, throttlerName);
    } catch (error) {
      this.logger.warn(
        `Could not count a public write in Redis, so it is let through: ${error instanceof Error ? error.message : error}`,
      );
      return { totalHits: 1, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  onModuleDestroy(): void {
    this.counts.onModuleDestroy();
  }
}

@Module({})
export class PublicWriteLimitsModule {
  /** THROTTLE_LIMIT=off gives a module without the guard, for load tests that write from one address. */
  static forRoot(env: Environment): DynamicModule {
    if (env.THROTTLE_LIMIT === 'off') return { module: PublicWriteLimitsModule };
    return {
      module: PublicWriteLimitsModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [{ limit: env.THROTTLE_LIMIT, ttl: env.THROTTLE_TTL }],
          storage: new SharedWriteCounts(env),
          skipIf: (context) => !isPublicWrite(context, env),
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: PublicWriteThrottler }],
    };
  }
}
