// Signed action tokens for email links: HMAC-SHA256 over subject, action, recipient, expiry and a nonce.
// Plain TypeScript over node:crypto, so it is tested in milliseconds.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface LinkClaims {
  /** What the link acts on, e.g. a space or booking id. */
  subject: string;
  /** What pressing the button does, e.g. "verify-space". */
  action: string;
  /** Who the link was sent to; the link acts for that person only. */
  recipient: string;
  /** Unix time in seconds after which the link no longer acts. */
  expiresAt: number;
  /** Makes every link unique; recorded when the link is used, so it acts once. */
  nonce: string;
}

export type LinkCheck =
  | { ok: true; claims: LinkClaims }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired'; claims?: LinkClaims };

const VERSION = 'v1';

/** LINK_SECRET may hold several comma-separated secrets: the first signs, all verify (for rotation). */
export function linkSecrets(setting: string): string[] {
  const secrets = setting
    .split(',')
    .map((secret) => secret.trim())
    .filter(Boolean);
  if (secrets.length === 0) throw new Error('LINK_SECRET holds no secret');
  return secrets;
}

function signature(body: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(`${VERSION}.${body}`).digest();
}

export function newNonce(): string {
  return randomBytes(12).toString('base64url');
}

export function signLinkToken(claims: LinkClaims, secrets: string[]): string {
  const body = Buffer.from(
    JSON.stringify([claims.subject, claims.action, claims.recipient, claims.expiresAt, claims.nonce]),
  ).toString('base64url');
  return `${VERSION}.${body}.${signature(body, secrets[0]).toString('base64url')}`;
}

function claimsOf(body: string): LinkClaims | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 5) return undefined;
    const [subject, action, recipient, expiresAt, nonce] = value;
    if (![subject, action, recipient, nonce].every((part) => typeof part === 'string' && part.length > 0)) {
      return undefined;
    }
    if (typeof expiresAt !== 'number' || !Number.isInteger(expiresAt)) return undefined;
    return { subject, action, recipient, expiresAt, nonce };
  } catch {
    return undefined;
  }
}

export function verifyLinkToken(token: string, secrets: string[], now = Date.now()): LinkCheck {
  const parts = token.split('.');
  if (
    parts.length !== 3 ||
    parts[0] !== VERSION ||
    !/^[\w-]+$/.test(parts[1]) ||
    !/^[\w-]+$/.test(parts[2])
  ) {
    return { ok: false, reason: 'malformed' };
  }
  const [, body, presented] = parts;
  const given = Buffer.from(presented, 'base64url');
  // Base64url leaves spare bits in a signature's last character: only the one encoding of it is the link's.
  if (given.toString('base64url') !== presented) return { ok: false, reason: 'forged' };
  const valid = secrets.some((secret) => {
    const expected = signature(body, secret);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!valid) return { ok: false, reason: 'forged' };
  const claims = claimsOf(body);
  if (!claims) return { ok: false, reason: 'malformed' };
  if (now >= claims.expiresAt * 1000) return { ok: false, reason: 'expired', claims };
  return { ok: true, claims };
}
