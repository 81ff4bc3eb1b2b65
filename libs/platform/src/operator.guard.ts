// Operator surfaces: `Authorization: Bearer $OPERATOR_TOKEN` (or HTTP Basic with the token as the password).
import { timingSafeEqual, createHash } from 'node:crypto';
import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';
import type { Environment } from '@cocomo/config';
import { ENVIRONMENT } from './environment.token';

export function presentedOperatorToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value = ''] = header.split(' ', 2);
  if (/^bearer$/i.test(scheme)) return value.trim();
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1);
  }
  return undefined;
}

export function sameSecret(presented: string, expected: string): boolean {
  // Hashing first gives equal lengths, so the comparison takes the same time whatever was presented.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/** True when the request carries the operator token; used where operators see more than the public. */
export function isOperator(request: Request, env: Environment): boolean {
  const token = presentedOperatorToken(request.headers.authorization);
  return token !== undefined && sameSecret(token, env.OPERATOR_TOKEN);
}

/** Throws 401 without a token and 403 with a wrong one. */
export function assertOperator(request: Request, env: Environment): void {
  const token = presentedOperatorToken(request.headers.authorization);
  if (token === undefined) {
    throw new UnauthorizedException('This needs the operator token: Authorization: Bearer <OPERATOR_TOKEN>');
  }
  if (!sameSecret(token, env.OPERATOR_TOKEN)) throw new ForbiddenException('The operator token is not valid');
}

@Injectable()
export class OperatorGuard implements CanActivate {
  constructor(@Inject(ENVIRONMENT) private readonly env: Environment) {}

  canActivate(context: ExecutionContext): boolean {
    assertOperator(context.switchToHttp().getRequest<Request>(), this.env);
    return true;
  }
}
