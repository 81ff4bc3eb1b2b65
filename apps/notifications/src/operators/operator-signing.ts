// The key that signs operators' sessions and tokens (Ed25519, kept in this service's schema so that every
// replica signs with the same one), the key set it publishes, and the owner's own check of what it signed:
// the same check as every other service's, with its tables in place of the published lists.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JWK,
  type JWTVerifyGetKey,
  type KeyLike,
} from 'jose';
import type { Environment } from '@cocomo/config';
import {
  ENVIRONMENT,
  OPERATOR_AUDIENCE,
  OPERATOR_ISSUER,
  type OperatorKeySource,
  type RevocationList,
  type SignedClaims,
} from '@cocomo/platform';
import { OperatorAccounts, type OperatorAccount } from './operator-accounts';

const KID = 'cocomo-operators-1';
/** Personal API tokens last a year unless revoked. */
export const TOKEN_LIFETIME = 365 * 24 * 3600_000;

/** How long a right password waits for its second factor's code. */
export const CODE_WAIT = 5 * 60_000;
/** Another audience than credentials': no service takes a password waiting for its code for a session. */
const CODE_AUDIENCE = 'cocomo-sign-in-code';

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

@Injectable()
export class OperatorSigning implements OperatorKeySource {
  private keys?: Promise<{
    privateKey: KeyLike | Uint8Array;
    publicKey: KeyLike | Uint8Array;
    publicJwk: JWK;
  }>;
  private cached?: { list: RevocationList; at: number };

  constructor(
    private readonly accounts: OperatorAccounts,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  private load() {
    this.keys ??= (async () => {
      const stored = await this.accounts.signingKey(async () => {
        const pair = await generateKeyPair('EdDSA', { extractable: true });
        return {
          kid: KID,
          privateJwk: await exportJWK(pair.privateKey),
          publicJwk: await exportJWK(pair.publicKey),
        };
      });
      const publicJwk = { ...(stored.publicJwk as JWK), kid: stored.kid, alg: 'EdDSA', use: 'sig' };
      return {
        privateKey: await importJWK(stored.privateJwk as JWK, 'EdDSA'),
        publicKey: await importJWK(publicJwk, 'EdDSA'),
        publicJwk,
      };
    })().catch((error: unknown) => {
      this.keys = undefined;
      throw error;
    });
    return this.keys;
  }

  async keySet(): Promise<{ keys: JWK[] }> {
    return { keys: [(await this.load()).publicJwk] };
  }

  readonly key: JWTVerifyGetKey = async () => (await this.load()).publicKey as KeyLike;

  async revocations(): Promise<RevocationList> {
    // The owner reads its tables, at most once a quarter of the others' poll interval.
    if (!this.cached || Date.now() - this.cached.at > this.env.OPERATOR_REVOCATION_POLL / 4) {
      this.cached = { list: await this.accounts.revocations(), at: Date.now() };
    }
    return this.cached.list;
  }

  forget(): void {
    this.cached = undefined;
  }

  used(_token: string, jti: string): void {
    void this.accounts.markUsed([jti]).catch(() => undefined);
  }

  private async sign(account: OperatorAccount, kind: SignedClaims['kind'], lifetime: number, extra = {}) {
    const jti = randomUUID();
    const claims: Omit<SignedClaims, 'sub' | 'jti'> = {
      kind,
      email: account.email,
      name: account.name,
      roles: account.roles,
      countries: account.countries,
      at: Date.now(),
      ...extra,
    };
    const jwt = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'EdDSA', kid: KID, typ: 'JWT' })
      .setSubject(account.id)
      .setJti(jti)
      .setIssuer(OPERATOR_ISSUER)
      .setAudience(OPERATOR_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(new Date(Date.now() + lifetime))
      .sign((await this.load()).privateKey);
    return { jwt, jti, expiresAt: new Date(Date.now() + lifetime) };
  }

  /** A browser session: its cookie, and the CSRF token its forms carry (a claim of the session). */
  async session(account: OperatorAccount, address: string, lifetime = this.env.OPERATOR_SESSION_LIFETIME) {
    const signed = await this.sign(account, 'session', lifetime, {
      csrf: randomBytes(18).toString('base64url'),
    });
    await this.accounts.addCredential({
      id: signed.jti,
      operatorId: account.id,
      kind: 'session',
      expiresAt: signed.expiresAt,
      address,
    });
    return signed;
  }

  /**
   * What the code page carries once the password was right (or the organisation's provider vouched): which
   * account waits for its code, for a while.
   */
  async awaitingCode(account: OperatorAccount, byProvider = false): Promise<string> {
    return new SignJWT(byProvider ? { via: 'oidc' } : {})
      .setProtectedHeader({ alg: 'EdDSA', kid: KID, typ: 'JWT' })
      .setSubject(account.id)
      .setIssuer(OPERATOR_ISSUER)
      .setAudience(CODE_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(new Date(Date.now() + CODE_WAIT))
      .sign((await this.load()).privateKey);
  }

  /** The account whose password was right, or undefined once the wait is over (or for anything else). */
  async awaitingAccount(jwt: string): Promise<{ id: string; byProvider: boolean } | undefined> {
    try {
      const { payload } = await jwtVerify(jwt, this.key, {
        issuer: OPERATOR_ISSUER,
        audience: CODE_AUDIENCE,
        algorithms: ['EdDSA'],
      });
      return payload.sub ? { id: payload.sub, byProvider: payload.via === 'oidc' } : undefined;
    } catch {
      return undefined;
    }
  }

  /** A personal API token: shown once; only its hash is kept. */
  async token(account: OperatorAccount, name: string) {
    const signed = await this.sign(account, 'token', TOKEN_LIFETIME);
    await this.accounts.addCredential({
      id: signed.jti,
      operatorId: account.id,
      kind: 'token',
      name,
      tokenHash: tokenHash(signed.jwt),
      expiresAt: signed.expiresAt,
    });
    return signed;
  }
}
