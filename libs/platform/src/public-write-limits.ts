// Rate limits on public writes — registering a space, asking for a space, pressing a link's button: one client
// address may make THROTTLE_LIMIT of them per THROTTLE_TTL on each route; more get 429 with Retry-After.
// Reads are not limited, nor are requests with the valid operator token (a wrong token counts as public).
import { HttpException, HttpStatus, Module, type DynamicModule, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Request } from 'express';
import type { Environment } from '@cocomo/config';
import { isOperator } from './operator.guard';

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
          skipIf: (context) => !isPublicWrite(context, env),
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: PublicWriteThrottler }],
    };
  }
}
