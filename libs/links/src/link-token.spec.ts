import { linkSecrets, newNonce, signLinkToken, verifyLinkToken, type LinkClaims } from './link-token';

const secrets = ['first-secret-0123456789'];
const now = Date.parse('2026-11-24T12:00:00Z');
const claims: LinkClaims = {
  subject: '6f1c1f2e-8a0b-4c1d-9e2f-3a4b5c6d7e8f',
  action: 'verify-space',
  recipient: 'asha@example.org',
  expiresAt: now / 1000 + 3600,
  nonce: 'n0nce-n0nce',
};

function tamper(token: string, part: number, change: (text: string) => string): string {
  const parts = token.split('.');
  parts[part] = change(parts[part]);
  return parts.join('.');
}

function withClaim(token: string, index: number, value: unknown): string {
  return tamper(token, 1, (body) => {
    const values = JSON.parse(Buffer.from(body, 'base64url').toString());
    values[index] = value;
    return Buffer.from(JSON.stringify(values)).toString('base64url');
  });
}

describe('link tokens', () => {
  const token = signLinkToken(claims, secrets);

  it('verifies a token it signed and gives back its claims', () => {
    expect(verifyLinkToken(token, secrets, now)).toEqual({ ok: true, claims });
  });

  it('contains no character that needs escaping in a URL path', () => {
    expect(token).toMatch(/^[\w.-]+$/);
  });

  it.each([
    ['subject', 0, 'another-space'],
    ['action', 1, 'approve-space'],
    ['recipient', 2, 'mallory@example.org'],
    ['expiry', 3, claims.expiresAt + 86400],
    ['nonce', 4, 'other-nonce'],
  ])('refuses a token whose %s was altered', (_part, index, value) => {
    expect(verifyLinkToken(withClaim(token, index, value), secrets, now)).toEqual({
      ok: false,
      reason: 'forged',
    });
  });

  it('refuses a token with an altered signature', () => {
    const altered = tamper(token, 2, (sig) => (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1));
    expect(verifyLinkToken(altered, secrets, now).ok).toBe(false);
  });

  it('refuses a signature written with other spare bits in its last character, which decodes the same', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const token = signLinkToken(claims, secrets);
    const last = token.at(-1)!;
    // A 32-byte signature takes 43 characters: the last one's two lowest bits are not part of it.
    const twin = `${token.slice(0, -1)}${alphabet[alphabet.indexOf(last) ^ 1]}`;
    const signaturePart = (text: string) => Buffer.from(text.split('.')[2], 'base64url');
    expect(signaturePart(twin)).toEqual(signaturePart(token));
    expect(verifyLinkToken(twin, secrets, now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a token signed with another secret', () => {
    const forged = signLinkToken(claims, ['an-attackers-secret-xyz']);
    expect(verifyLinkToken(forged, secrets, now)).toEqual({ ok: false, reason: 'forged' });
  });

  it.each(['', 'v1', 'v1..', 'v2.abc.def', 'v1.abc', 'v1.a b.c', 'v1.abc.def.ghi'])(
    'refuses the malformed token %j',
    (bad) => {
      expect(verifyLinkToken(bad, secrets, now)).toEqual({ ok: false, reason: 'malformed' });
    },
  );

  it('refuses an expired token, at and after its expiry', () => {
    expect(verifyLinkToken(token, secrets, claims.expiresAt * 1000)).toMatchObject({
      ok: false,
      reason: 'expired',
    });
    expect(verifyLinkToken(token, secrets, claims.expiresAt * 1000 + 1)).toMatchObject({
      ok: false,
      reason: 'expired',
    });
    expect(verifyLinkToken(token, secrets, claims.expiresAt * 1000 - 1).ok).toBe(true);
  });

  it('verifies with any of the secrets and signs with the first, so secrets can be rotated', () => {
    const rotated = linkSecrets('new-secret-0123456789, first-secret-0123456789');
    expect(verifyLinkToken(token, rotated, now).ok).toBe(true);
    const fresh = signLinkToken(claims, rotated);
    expect(verifyLinkToken(fresh, ['new-secret-0123456789'], now).ok).toBe(true);
    expect(verifyLinkToken(fresh, secrets, now).ok).toBe(false);
  });

  it('makes a new nonce every time', () => {
    expect(newNonce()).not.toBe(newNonce());
  });
});
