// Making and checking the links people act through. A link acts once: using it records its nonce in the
// acting service's schema, in the same transaction as the action itself.
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Environment } from '@cocomo/config';
import { ENVIRONMENT } from '@cocomo/platform';
import { linkSecrets, newNonce, signLinkToken, verifyLinkToken, type LinkClaims } from './link-token';

export type LinkState =
  | { state: 'usable'; claims: LinkClaims }
  | { state: 'used' | 'expired'; claims: LinkClaims }
  | { state: 'invalid' };

export interface IssuedLink {
  url: string;
  expiresAt: Date;
}

@Injectable()
export class ActionLinks {
  private readonly secrets: string[];

  constructor(
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly em: EntityManager,
  ) {
    this.secrets = linkSecrets(env.LINK_SECRET);
  }

  /** A link to `${PUBLIC_BASE_URL}${path}/<token>` that acts for `recipient` until it expires. */
  issue(
    path: string,
    claims: { subject: string; action: string; recipient: string },
    now = Date.now(),
  ): IssuedLink {
    const { token, expiresAt } = this.sign(claims, new Date(now + this.lifetimeOf(claims.action)));
    return { url: `${this.env.PUBLIC_BASE_URL}${path}/${token}`, expiresAt };
  }

  /** A signed token for the claims, valid until `until` (for links whose address has another shape). */
  sign(
    claims: { subject: string; action: string; recipient: string },
    until: Date,
  ): { token: string; expiresAt: Date } {
    const expiresAt = Math.floor(until.getTime() / 1000);
    return {
      token: signLinkToken({ ...claims, expiresAt, nonce: newNonce() }, this.secrets),
      expiresAt: new Date(expiresAt * 1000),
    };
  }

  /** Checks a token without using it up: for links that only show something. */
  check(token: string): LinkClaims | undefined {
    const result = verifyLinkToken(token, this.secrets);
    return result.ok ? result.claims : undefined;
  }

  lifetimeOf(action: string): number {
    return this.env.LINK_EXPIRY_BY_ACTION[action] ?? this.env.LINK_EXPIRY;
  }

  /** What a link is now; reads only, so opening a link (GET, HEAD) changes nothing. */
  async inspect(token: string): Promise<LinkState> {
    const check = verifyLinkToken(token, this.secrets);
    if (!check.ok)
      return check.reason === 'expired' ? { state: 'expired', claims: check.claims! } : { state: 'invalid' };
    const schema = this.em.config.get('schema');
    const used = await this.em.execute(`select 1 from "${schema}"."used_link" where "nonce" = ?`, [
      check.claims.nonce,
    ]);
    return { state: used.length ? 'used' : 'usable', claims: check.claims };
  }

  /**
   * Records the link as used inside the caller's transaction. Returns false when it was used already
   * (possibly at the same moment by a second press): the caller then changes nothing.
   */
  async consume(em: EntityManager, claims: LinkClaims): Promise<boolean> {
    const schema = em.config.get('schema');
    const inserted = await em.execute(
      `insert into "${schema}"."used_link" ("nonce", "action", "subject", "used_at") values (?, ?, ?, now())
       on conflict do nothing returning "nonce"`,
      [claims.nonce, claims.action, claims.subject],
    );
    return inserted.length === 1;
  }
}
