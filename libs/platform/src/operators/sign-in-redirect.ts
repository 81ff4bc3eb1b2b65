// What a request refused for want of an operator is told: a person's browser, opening a page, is sent to the
// sign-in page (and back afterwards); a script is told how to authenticate. In development a browser without
// a session is asked for HTTP Basic instead (the OPERATOR_TOKEN as the password), as before named operators.
import type { Request } from 'express';
import type { Environment } from '@cocomo/config';
import { OperatorUnauthorized } from '../operator.guard';
import { SIGN_IN_PATH } from './operator-identity';

export function signInRedirect(request: Request, env: Environment, refusal: unknown): string | undefined {
  const problem = refusal instanceof OperatorUnauthorized ? refusal : undefined;
  if (env.NODE_ENV !== 'production' && !problem?.fromCookie) return undefined;
  const ended = problem?.problem === 'expired';
  if (request.method !== 'GET' || /^\/(api|metrics|health)(\/|$)/.test(request.path)) return undefined;
  if (request.accepts(['json', 'html']) !== 'html') return undefined;
  const query = new URLSearchParams({ return: request.originalUrl });
  if (ended) query.set('ended', '');
  return `${env.OPERATORS_URL ?? env.PUBLIC_BASE_URL}${SIGN_IN_PATH}?${query.toString()}`;
}

/** In development a browser may still log in with HTTP Basic and the OPERATOR_TOKEN as the password. */
export function operatorChallenge(env: Environment): string {
  return env.NODE_ENV === 'production'
    ? 'Bearer realm="CoCoMo operators"'
    : 'Basic realm="CoCoMo operators", charset="UTF-8"';
}
