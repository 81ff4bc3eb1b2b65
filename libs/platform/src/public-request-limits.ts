// Rate limits on public requests, per client address and route; more get 429 with Retry-After:
// - writes (registering a space, asking for one, pressing a link's button): THROTTLE_LIMIT per THROTTLE_TTL;
// - reads (search, map data, profiles, metrics, link pages): THROTTLE_READ_LIMIT per THROTTLE_TTL, generous for a
//   person and a short stop for a script that would keep the costlier reads (metrics over every booking) busy.
// Requests with the valid operator token are not limited (a wrong token counts as public); health checks neither.
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
  SkipThrottle,
  ThrottlerGuard,
  ThrottlerModule,
  type ThrottlerLimitDetail,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { Request } from 'express';
import type { Environment } from '@cocomo/config';
import { Redis, type Cluster } from 'ioredis';
import { connectRedis } from '@cocomo/messaging';
import { isOperator } from './operator.guard';

type WriteCount = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The request's kind when it comes from the public, or null (an operator's, or a queue message). */
export function publicRequestKind(context: ExecutionContext, env: Environment): 'reads' | 'writes' | null {
  // Queue handlers share the application's guards; only HTTP requests come from a client address.
  if (context.getType() !== 'http') return null;
  const request = context.switchToHttp().getRequest<Request>();
  if (isOperator(request, env)) return null;
  return READ_METHODS.has(request.method) ? 'reads' : 'writes';
}

/** Health checks come from the platform's probes and load balancers, as often as they are configured to. */
export const NotRateLimited = () => SkipThrottle();

/** The problem body every other refusal has, rather than the library's bare "Too Many Requests". */
export class PublicRequestThrottler extends ThrottlerGuard {
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
 * The counts of public requests in Redis, under the deployment's QUEUE_PREFIX. When Redis cannot be reached the
 * request is let through, and a warning logged (once a minute at most, as reads come often): a limit on abuse
 * must not refuse every host, organizer and visitor.
 */
export class SharedRequestCounts implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger('PublicRequestLimits');
  private readonly counts: ThrottlerStorageRedisService;
  private readonly redis: Redis | Cluster;
  private lastWarning = Number.NEGATIVE_INFINITY;

  constructor(env: Pick<Environment, 'REDIS_URL' | 'QUEUE_PREFIX'>) {
    // Under the prefix's hash tag on a cluster ({cocomo}:throttle:…), so the counts sit in the deployment's slot.
    this.redis = connectRedis(env.REDIS_URL, {
      keyPrefix: `${env.QUEUE_PREFIX}:throttle:`,
      // A request waits for one reconnection at most, then goes on uncounted.
      maxRetriesPerRequest: 1,
    });
    this.counts =
      this.redis instanceof Redis
        ? new ThrottlerStorageRedisService(this.redis)
        : new ThrottlerStorageRedisService(this.redis);
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
      if (Date.now() - this.lastWarning >= 60_000) {
        this.lastWarning = Date.now();
        this.logger.warn(
          `Could not count a public request in Redis, so it is let through, as others will be for now: ${error instanceof Error ? error.message : error}`,
        );
      }
      return { totalHits: 1, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}

@Module({})
export class PublicRequestLimitsModule {
  /**
   * One throttler, whose limit is the request's kind's: each route is read or written, and is counted on its own
   * (the key names the handler), so the answers keep the standard header names (Retry-After, X-RateLimit-*).
   * A limit set to "off" is not counted; both off give a module without the guard, for load tests.
   */
  static forRoot(env: Environment): DynamicModule {
    const limits = { writes: env.THROTTLE_LIMIT, reads: env.THROTTLE_READ_LIMIT };
    if (limits.writes === 'off' && limits.reads === 'off') return { module: PublicRequestLimitsModule };
    const limitOf = (context: ExecutionContext) => {
      const kind = publicRequestKind(context, env);
      return kind === null ? 'off' : limits[kind];
    };
    return {
      module: PublicRequestLimitsModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [
            {
              // Asked only of requests skipIf lets through, whose limit is a number.
              limit: (context) => limitOf(context) as number,
              ttl: env.THROTTLE_TTL,
            },
          ],
          storage: new SharedRequestCounts(env),
          skipIf: (context) => limitOf(context) === 'off',
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: PublicRequestThrottler }],
    };
  }
}
