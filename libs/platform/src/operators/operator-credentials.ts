// Reads the operator credential a request carries — the session cookie, a personal API token (Bearer), or in
// development the OPERATOR_TOKEN — once, before any guard, and leaves the verdict on the request, so that the
// guards and the pages that show more to operators decide synchronously.
import type { NextFunction, Request, Response } from 'express';
import { jwtVerify, errors } from 'jose';
import type { Environment } from '@cocomo/config';
import {
  OPERATOR_AUDIENCE,
  OPERATOR_ISSUER,
  sessionCookieOf,
  setCredential,
  type OperatorCredential,
  type SignedClaims,
} from './operator-identity';
import { RemoteOperatorKeys, type OperatorKeySource } from './operator-key-source';
import { presentedOperatorToken, sameSecret } from './presented-token';

const DEVELOPMENT_OPERATOR = {
  id: '00000000-0000-4000-8000-000000000000',
  email: 'development@cocomo.localhost',
  name: 'Development operator',
  roles: ['admin'],
  countries: null,
};

/** Made by the service's bootstrap; the owner of the accounts passes its own keys, the others fetch them. */
export class OperatorCredentials {
  private readonly keys: OperatorKeySource;

  constructor(
    private readonly env: Environment,
    local?: OperatorKeySource,
  ) {
    this.keys = local ?? new RemoteOperatorKeys(env);
  }

  stop(): void {
    if (this.keys instanceof RemoteOperatorKeys) this.keys.stop();
  }

  /** Express middleware: every request leaves it with its operator credential read. */
  readonly middleware = (request: Request, _response: Response, next: NextFunction): void => {
    this.read(request).then(
      (credential) => {
        setCredential(request, credential);
        next();
      },
      (error: unknown) => next(error),
    );
  };

  async read(request: Request): Promise<OperatorCredential> {
    const header = request.headers.authorization;
    const presented = presentedOperatorToken(header);
    if (presented !== undefined) {
      if (presented.split('.').length === 3) return this.verify(presented, 'token', false);
      return this.development(presented);
    }
    const cookie = sessionCookieOf(request);
    if (cookie) return this.verify(cookie, 'session', true);
    return { problem: 'none', fromCookie: false };
  }

  private development(presented: string): OperatorCredential {
    if (!sameSecret(presented, this.env.OPERATOR_TOKEN)) return { problem: 'invalid', fromCookie: false };
    if (this.env.NODE_ENV === 'production') return { problem: 'development-only', fromCookie: false };
    return { identity: { ...DEVELOPMENT_OPERATOR, kind: 'development', credentialId: 'OPERATOR_TOKEN' } };
  }

  private async verify(
    jwt: string,
    kind: SignedClaims['kind'],
    fromCookie: boolean,
  ): Promise<OperatorCredential> {
    let claims: SignedClaims;
    try {
      const verified = await jwtVerify(jwt, this.keys.key, {
        issuer: OPERATOR_ISSUER,
        audience: OPERATOR_AUDIENCE,
        algorithms: ['EdDSA'],
      });
      claims = verified.payload as unknown as SignedClaims;
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { problem: 'expired', fromCookie };
      return { problem: 'invalid', fromCookie };
    }
    // A session's cookie is no API token, nor the other way round.
    if (claims.kind !== kind) return { problem: 'invalid', fromCookie };
    const list = await this.keys.revocations();
    if (!list) return { problem: 'unverifiable', fromCookie };
    const notBefore = list.notBefore[claims.sub];
    if (list.revoked.includes(claims.jti) || (notBefore !== undefined && claims.at < notBefore)) {
      return { problem: 'revoked', fromCookie };
    }
    if (kind === 'token') this.keys.used(jwt, claims.jti);
    return {
      identity: {
        id: claims.sub,
        email: claims.email,
        name: claims.name,
        roles: claims.roles,
        countries: claims.countries,
        kind,
        credentialId: claims.jti,
        csrf: claims.csrf,
      },
    };
  }
}
