// The CSRF token of the request being answered, for the forms its page renders (`{{> csrf-field}}` reads
// @csrf). A session's token is a claim of the signed session itself, so every service checks a form's _csrf
// against the cookie without keeping anything.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { operatorOf } from './operator-identity';

const current = new AsyncLocalStorage<string | undefined>();

export function currentCsrfToken(): string | undefined {
  return current.getStore();
}

/** Express middleware, after the credentials are read: the rest of the request sees its CSRF token. */
export function carryCsrfToken(request: Request, _response: Response, next: NextFunction): void {
  current.run(operatorOf(request)?.csrf, next);
}

/**
 * The CSRF token a write presents: the form's _csrf field, an X-CSRF-Token header for our scripts, or the
 * X-XSRF-Token header that axios (inside the queue board's own page) sends from the XSRF-TOKEN cookie.
 */
export function presentedCsrfToken(request: Request): string | undefined {
  const body = request.body as Record<string, unknown> | undefined;
  const field = body && typeof body === 'object' ? body._csrf : undefined;
  if (typeof field === 'string') return field;
  for (const name of ['x-csrf-token', 'x-xsrf-token']) {
    const header = request.headers[name];
    if (typeof header === 'string') return header;
  }
  return undefined;
}
