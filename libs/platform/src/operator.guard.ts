// Operator surfaces: a named operator's session (cookie) or personal API token (Bearer), each signed by the
// owner of the accounts and checked here against its key set and revocation list; in development also the
// shared OPERATOR_TOKEN (Bearer, or HTTP Basic with it as the password). Every route needs the right the
// table in operators/operator-rights.ts names; a session's writes need the session's CSRF token too.
import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';
import type { Environment } from '@cocomo/config';
import { presentedCsrfToken } from './operators/csrf';
import { credentialOf, type CredentialProblem, type OperatorIdentity } from './operators/operator-identity';
import { mayDo, rightOfRoute, RIGHT_NAMES, ANY_OPERATOR, type Right } from './operators/operator-rights';
import { sameSecret } from './operators/presented-token';

export { presentedOperatorToken, sameSecret } from './operators/presented-token';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A 401 that says why, so that a browser's page can tell an ended session from no session. */
export class OperatorUnauthorized extends UnauthorizedException {
  constructor(
    readonly problem: CredentialProblem,
    message: string,
    /** Whether a session cookie was presented (and ended or was revoked). */
    readonly fromCookie = false,
  ) {
    super(message);
  }
}

const WHY: Record<CredentialProblem, string> = {
  none: 'This needs an operator: sign in, or send Authorization: Bearer <personal API token>',
  expired: 'Your operator session has ended: sign in again',
  invalid: 'The operator credential is not valid',
  revoked: 'This operator session or token has been revoked',
  'development-only': 'OPERATOR_TOKEN is for development only: use a named operator’s session or token',
  unverifiable: 'Operator credentials cannot be checked just now (the revocation list is out of date)',
};

/**
 * True when the request carries a valid operator credential; used where operators see more than the public,
 * so on every public request too: it makes no error (and no stack trace) to say no.
 */
export function isOperator(request: Request, _env?: Environment): boolean {
  return !('refusal' in operatorOrRefusal(request, ANY_OPERATOR));
}

/** The operator, or how to refuse the request: the error is made only when it is thrown. */
function operatorOrRefusal(request: Request, right: Right): OperatorIdentity | { refusal: () => Error } {
  const credential = credentialOf(request);
  if (!('identity' in credential)) {
    // A wrong token in a header is a credential refused (403); a missing or ended session asks to sign in (401).
    const { problem, fromCookie } = credential;
    if (problem === 'none' || fromCookie || problem === 'expired' || problem === 'unverifiable') {
      return { refusal: () => new OperatorUnauthorized(problem, WHY[problem], fromCookie) };
    }
    return { refusal: () => new ForbiddenException(WHY[problem]) };
  }
  const { identity } = credential;
  if (!mayDo(identity.roles, right)) {
    return {
      refusal: () =>
        new ForbiddenException(
          `${identity.name} (${identity.roles.join(', ') || 'no role'}) may not do this: it needs ${RIGHT_NAMES[right]}`,
        ),
    };
  }
  if (identity.kind === 'session' && !READS.has(request.method)) {
    const presented = presentedCsrfToken(request);
    if (!presented || !identity.csrf || !sameSecret(presented, identity.csrf)) {
      return {
        refusal: () =>
          new ForbiddenException(
            'This form was sent without its CSRF token (or with another session’s): open the page again and resend it',
          ),
      };
    }
  }
  return identity;
}

/** The operator acting, or throws: 401 without a credential, 403 with a wrong one or without the right. */
export function assertOperator(request: Request, _env?: Environment, right?: Right): OperatorIdentity {
  const outcome = operatorOrRefusal(request, right ?? rightOfRequest(request));
  if ('refusal' in outcome) throw outcome.refusal();
  return outcome;
}

/** The right the matched route needs (outside the router, as for the queue board: its mount path). */
export function rightOfRequest(request: Request): Right {
  const path = (request.route as { path?: string } | undefined)?.path ?? request.baseUrl ?? request.path;
  return rightOfRoute(request.method === 'HEAD' ? 'GET' : request.method, path);
}

@Injectable()
export class OperatorGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    assertOperator(context.switchToHttp().getRequest<Request>());
    return true;
  }
}
