// What a verified operator credential says, the names every service shares for it, and where a request
// carries it once the credentials middleware has read it.
import type { Request } from 'express';

export interface OperatorIdentity {
  id: string;
  email: string;
  name: string;
  roles: string[];
  /** null: every country. */
  countries: string[] | null;
  /** A browser session, a personal API token, or the development OPERATOR_TOKEN. */
  kind: 'session' | 'token' | 'development';
  /** The session's or token's id (jti). */
  credentialId: string;
  /** Sessions only: the value every form of the session posts back as _csrf. */
  csrf?: string;
}

export type CredentialProblem =
  /** Nothing presented. */
  | 'none'
  /** A session cookie past its end. */
  | 'expired'
  /** Something presented that is not a credential CoCoMo signed (or a wrong development token). */
  | 'invalid'
  /** Signed, but signed out, revoked, or issued before its operator's roles changed. */
  | 'revoked'
  /** The development OPERATOR_TOKEN, in production. */
  | 'development-only'
  /** The revocation list could not be read lately, so nothing signed is trusted. */
  | 'unverifiable';

export type OperatorCredential =
  { identity: OperatorIdentity } | { problem: CredentialProblem; fromCookie: boolean };

export interface SignedClaims {
  sub: string;
  jti: string;
  kind: 'session' | 'token';
  email: string;
  name: string;
  roles: string[];
  countries: string[] | null;
  csrf?: string;
  /** When it was issued, in milliseconds (iat counts whole seconds, too coarse for notBefore). */
  at: number;
}

export const SESSION_COOKIE = 'cocomo_operator';
export const OPERATOR_ISSUER = 'cocomo-operators';
export const OPERATOR_AUDIENCE = 'cocomo';
export const OPERATOR_KEYS_PATH = '/.well-known/cocomo-operators/jwks.json';
export const OPERATOR_REVOCATIONS_PATH = '/.well-known/cocomo-operators/revoked.json';
export const TOKEN_USES_PATH = '/api/operators/token-uses';
export const SIGN_IN_PATH = '/operators/sign-in';

/** Credentials revoked before their end, and operators whose older credentials no longer count. */
export interface RevocationList {
  revoked: string[];
  /** Operator id → milliseconds since the epoch: credentials issued before are refused. */
  notBefore: Record<string, number>;
}

const CREDENTIAL = Symbol('operator credential');

export function credentialOf(request: Request): OperatorCredential {
  return (
    (request as unknown as Record<symbol, OperatorCredential>)[CREDENTIAL] ?? {
      problem: 'none',
      fromCookie: false,
    }
  );
}

export function setCredential(request: Request, credential: OperatorCredential): void {
  (request as unknown as Record<symbol, OperatorCredential>)[CREDENTIAL] = credential;
}

export function operatorOf(request: Request): OperatorIdentity | undefined {
  const credential = credentialOf(request);
  return 'identity' in credential ? credential.identity : undefined;
}

/** A cookie's value, read without a cookie parser (operators' requests carry one or two cookies). */
export function cookieOf(request: Pick<Request, 'headers'>, wanted: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name !== wanted) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      return undefined; // a malformed escape is no credential
    }
  }
  return undefined;
}

/** The session cookie's value. */
export function sessionCookieOf(request: Pick<Request, 'headers'>): string | undefined {
  return cookieOf(request, SESSION_COOKIE);
}
