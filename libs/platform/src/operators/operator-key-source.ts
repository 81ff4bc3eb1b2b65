// Where a service finds the operators' public keys and the revocation list: the owner of the accounts
// (notifications) publishes both at well-known addresses; every other service fetches them, caches the keys,
// and reads the revocation list again every OPERATOR_REVOCATION_POLL, so a revocation counts everywhere within
// seconds. The owner itself reads its own tables instead (a LocalOperatorKeys provider).
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import type { Environment } from '@cocomo/config';
import {
  OPERATOR_KEYS_PATH,
  OPERATOR_REVOCATIONS_PATH,
  TOKEN_USES_PATH,
  type RevocationList,
} from './operator-identity';

export interface OperatorKeySource {
  /** The key that checks a signature, found by the token's header (kid). */
  key: JWTVerifyGetKey;
  /** The revocation list, no older than the poll interval; undefined when it could not be read for too long. */
  revocations(): Promise<RevocationList | undefined>;
  /** A personal API token was used (its last use is kept by the owner). */
  used(token: string, jti: string): void;
}

export const LOCAL_OPERATOR_KEYS = Symbol('LOCAL_OPERATOR_KEYS');

/** How long a revocation list may be out of date before nothing signed is trusted (fail closed). */
const STALE_AFTER_POLLS = 15;

export class RemoteOperatorKeys implements OperatorKeySource {
  readonly key: JWTVerifyGetKey;
  private list?: RevocationList;
  private readAt = 0;
  private reading?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private readonly uses = new Map<string, string>();

  constructor(private readonly env: Environment) {
    this.key = createRemoteJWKSet(new URL(OPERATOR_KEYS_PATH, this.base), {
      cooldownDuration: 30_000,
      cacheMaxAge: 10 * 60_000,
    });
  }

  private get base(): string {
    return `${this.env.OPERATORS_URL ?? this.env.PUBLIC_BASE_URL}/`;
  }

  async revocations(): Promise<RevocationList | undefined> {
    // Polling starts with the first signed credential a service sees: a service nobody signs in to asks nothing.
    if (!this.timer) {
      this.timer = setInterval(() => void this.read(), this.env.OPERATOR_REVOCATION_POLL);
      this.timer.unref();
    }
    if (!this.list) await this.read();
    const stale = Date.now() - this.readAt > this.env.OPERATOR_REVOCATION_POLL * STALE_AFTER_POLLS;
    return stale ? undefined : this.list;
  }

  used(token: string, jti: string): void {
    this.uses.set(jti, token);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private read(): Promise<void> {
    this.reading ??= this.fetchList().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async fetchList(): Promise<void> {
    try {
      const answer = await fetch(new URL(OPERATOR_REVOCATIONS_PATH, this.base), {
        signal: AbortSignal.timeout(3000),
      });
      if (answer.ok) {
        this.list = (await answer.json()) as RevocationList;
        this.readAt = Date.now();
      }
      await this.reportUses();
    } catch {
      // The owner is away: the last list stands until it is too old.
    }
  }

  private async reportUses(): Promise<void> {
    if (this.uses.size === 0) return;
    const tokens = [...this.uses.values()];
    this.uses.clear();
    // The tokens themselves prove the report: the owner counts only those it signed.
    await fetch(new URL(TOKEN_USES_PATH, this.base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tokens }),
      signal: AbortSignal.timeout(3000),
    });
  }
}
