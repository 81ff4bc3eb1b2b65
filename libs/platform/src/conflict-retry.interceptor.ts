// Runs an HTTP handler again when PostgreSQL aborted its transaction for a deadlock or a serialization
// conflict with another transaction (a link pressed while a timer of the same booking fires). The aborted
// attempt left nothing behind in the database, and the next one almost always passes; a person should not
// see a 500 for it. It may have left changed entities in the request's EntityManager, though (a transaction
// shares its entities with the context it was started from): those are dropped before the next attempt,
// or its first query would flush them, outside any transaction.
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { RequestContext } from '@mikro-orm/core';
import { retry, throwError, timer, type Observable } from 'rxjs';
import { carriesCode } from './error-codes';

const ATTEMPTS = 4;
/** PostgreSQL's deadlock_detected and serialization_failure. */
const CONFLICT_CODES = new Set(['40P01', '40001']);

export function isTransientConflict(error: unknown): boolean {
  return carriesCode(error, CONFLICT_CODES);
}

@Injectable()
export class ConflictRetryInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const requestEntities = RequestContext.getEntityManager();
    return next.handle().pipe(
      retry({
        count: ATTEMPTS - 1,
        delay: (error, attempt) => {
          if (!isTransientConflict(error)) return throwError(() => error);
          requestEntities?.clear();
          // A short, random pause, so that the two transactions do not meet again at once.
          return timer(attempt * 10 + Math.random() * 40);
        },
      }),
    );
  }
}
