// The operators' tables: accounts, their sessions and tokens (one credential table: both are signed, both
// revocable), sign-in attempts, and what the revocation list every service reads is made of.
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { RevocationList } from '@cocomo/platform';

export interface OperatorAccount {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  roles: string[];
  countries: string[] | null;
  failedSignIns: number;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  createdAt: Date;
  /** The TOTP secret (base32) when the operator has a second factor. */
  totpSecret: string | null;
  /** The last time step a TOTP code was used in. */
  totpLastStep: bigint | null;
}

export interface OperatorToken {
  id: string;
  name: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface NewCredential {
  id: string;
  operatorId: string;
  kind: 'session' | 'token';
  name?: string;
  tokenHash?: string;
  expiresAt: Date;
  address?: string;
}

type Row = Record<string, unknown>;

/** A list as one parameter (the driver would spread an array into many): SQL turns it back with TEXT_ARRAY. */
const list = (values: readonly string[] | null | undefined) => (values ? JSON.stringify(values) : null);
const TEXT_ARRAY = `(select array_agg("v") from jsonb_array_elements_text(?::jsonb) as "v")::text[]`;

/** Some statements' rows hold times as text, others as dates. */
const dateOr = (value: unknown): Date | null =>
  value === null || value === undefined ? null : new Date(value as string);
const date = (value: unknown): Date => new Date(value as string);

const accountOf = (row: Row): OperatorAccount => ({
  id: row.id as string,
  email: row.email as string,
  name: row.name as string,
  passwordHash: row.password_hash as string,
  roles: row.roles as string[],
  countries: (row.countries as string[] | null) ?? null,
  failedSignIns: row.failed_sign_ins as number,
  lockedUntil: dateOr(row.locked_until),
  disabledAt: dateOr(row.disabled_at),
  createdAt: date(row.created_at),
  totpSecret: (row.totp_secret as string | null) ?? null,
  totpLastStep:
    row.totp_last_step === null || row.totp_last_step === undefined
      ? null
      : BigInt(row.totp_last_step as string),
});

@Injectable()
export class OperatorAccounts {
  constructor(private readonly orm: MikroORM) {}

  private get schema(): string {
    return this.orm.config.get('schema')!;
  }

  /**
   * Also for the repositories of the operators' other tables (second factors). Inside `inTransaction` it runs
   * in that transaction; elsewhere on its own.
   */
  query(sql: string, values: unknown[] = []): Promise<Row[]> {
    return this.orm.em
      .fork({ keepTransactionContext: true })
      .execute(sql.replaceAll('"ops".', `"${this.schema}".`), values);
  }

  /**
   * Runs `work` in one transaction: what it changes in accounts, credentials and second factors and the
   * record's entries it adds (OperatorRecord) commit together, or none does.
   */
  inTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.orm.em.transactional(() => work());
  }

  async create(account: Pick<OperatorAccount, 'email' | 'name' | 'passwordHash' | 'roles' | 'countries'>) {
    const id = randomUUID();
    await this.query(
      `insert into "ops"."operator" ("id", "email", "name", "password_hash", "roles", "countries")
       values (?, ?, ?, ?, ${TEXT_ARRAY}, ${TEXT_ARRAY})`,
      [id, account.email, account.name, account.passwordHash, list(account.roles), list(account.countries)],
    );
    return id;
  }

  async byEmail(email: string): Promise<OperatorAccount | undefined> {
    const [row] = await this.query(`select * from "ops"."operator" where lower("email") = lower(?)`, [email]);
    return row && accountOf(row);
  }

  async byId(id: string): Promise<OperatorAccount | undefined> {
    const [row] = await this.query(`select * from "ops"."operator" where "id" = ?`, [id]);
    return row && accountOf(row);
  }

  async list(): Promise<OperatorAccount[]> {
    return (await this.query(`select * from "ops"."operator" order by lower("email")`)).map(accountOf);
  }

  /** Changes roles, countries or whether the account may sign in; what it signed before no longer counts. */
  async change(id: string, change: { roles?: string[]; countries?: string[] | null; disabled?: boolean }) {
    const rows = await this.query(
      `update "ops"."operator" set
         "roles" = coalesce(${TEXT_ARRAY}, "roles"),
         "countries" = case when ?::boolean then ${TEXT_ARRAY} else "countries" end,
         "disabled_at" = case when ?::boolean is null then "disabled_at" when ?::boolean then now() else null end,
         "not_before" = clock_timestamp()
       where "id" = ? returning *`,
      [
        list(change.roles),
        change.countries !== undefined,
        list(change.countries),
        change.disabled ?? null,
        change.disabled ?? null,
        id,
      ],
    );
    return rows[0] && accountOf(rows[0]);
  }

  /** The emails of the enabled operators who hold the role for the country (or for every country). */
  async recipientsFor(role: string, country?: string): Promise<string[]> {
    const rows = await this.query(
      `select "email" from "ops"."operator"
       where "disabled_at" is null and ? = any("roles")
         and ("countries" is null or ?::text is null or ? = any("countries"))
       order by lower("email")`,
      [role, country ?? null, country ?? null],
    );
    return rows.map((row) => row.email as string);
  }

  async recordAttempt(email: string, address: string, succeeded: boolean): Promise<void> {
    await this.query(
      `insert into "ops"."operator_sign_in_attempt" ("email", "address", "succeeded") values (?, ?, ?)`,
      [email.toLowerCase(), address, succeeded],
    );
  }

  async failuresFrom(address: string, since: Date): Promise<number> {
    const [row] = await this.query(
      `select count(*)::int as "n" from "ops"."operator_sign_in_attempt"
       where "address" = ? and not "succeeded" and "at" > ?`,
      [address, since],
    );
    return row.n as number;
  }

  /** One more wrong password; the account locks until `lockUntil` once it has `limit` in a row. */
  async failed(id: string, limit: number, lockUntil: Date): Promise<void> {
    await this.query(
      `update "ops"."operator" set "failed_sign_ins" = "failed_sign_ins" + 1,
         "locked_until" = case when "failed_sign_ins" + 1 >= ? then ? else "locked_until" end
       where "id" = ?`,
      [limit, lockUntil, id],
    );
  }

  async succeeded(id: string): Promise<void> {
    await this.query(
      `update "ops"."operator" set "failed_sign_ins" = 0, "locked_until" = null where "id" = ?`,
      [id],
    );
  }

  async addCredential(credential: NewCredential): Promise<void> {
    await this.query(
      `insert into "ops"."operator_credential"
         ("id", "operator_id", "kind", "name", "token_hash", "expires_at", "address")
       values (?, ?, ?, ?, ?, ?, ?)`,
      [
        credential.id,
        credential.operatorId,
        credential.kind,
        credential.name ?? null,
        credential.tokenHash ?? null,
        credential.expiresAt,
        credential.address ?? null,
      ],
    );
  }

  /** Revokes one credential; with an operator, only one of theirs. Returns whether one was revoked. */
  async revoke(id: string, operatorId?: string): Promise<boolean> {
    const rows = await this.query(
      `update "ops"."operator_credential" set "revoked_at" = now()
       where "id" = ? and "revoked_at" is null and (?::uuid is null or "operator_id" = ?::uuid) returning "id"`,
      [id, operatorId ?? null, operatorId ?? null],
    );
    return rows.length > 0;
  }

  async tokensOf(operatorId: string): Promise<OperatorToken[]> {
    const rows = await this.query(
      `select * from "ops"."operator_credential" where "operator_id" = ? and "kind" = 'token'
       order by "created_at" desc`,
      [operatorId],
    );
    return rows.map((row) => ({
      id: row.id as string,
      name: row.name as string,
      createdAt: date(row.created_at),
      expiresAt: date(row.expires_at),
      lastUsedAt: dateOr(row.last_used_at),
      revokedAt: dateOr(row.revoked_at),
    }));
  }

  async markUsed(tokenIds: string[]): Promise<void> {
    if (tokenIds.length === 0) return;
    await this.query(
      `update "ops"."operator_credential" set "last_used_at" = now() where "id"::text = any(${TEXT_ARRAY}) and "kind" = 'token'`,
      [list(tokenIds)],
    );
  }

  /** What every service refuses: revoked credentials not yet past their end, and operators' cut-off times. */
  async revocations(): Promise<RevocationList> {
    const revoked = await this.query(
      `select "id" from "ops"."operator_credential" where "revoked_at" is not null and "expires_at" > now()`,
    );
    const cutOffs = await this.query(
      `select "id", "not_before" from "ops"."operator" where "not_before" is not null`,
    );
    return {
      revoked: revoked.map((row) => row.id as string),
      notBefore: Object.fromEntries(cutOffs.map((row) => [row.id, date(row.not_before).getTime()])),
    };
  }

  /** The signing key, made by the first replica that needs one. */
  async signingKey(make: () => Promise<{ kid: string; privateJwk: object; publicJwk: object }>) {
    const select = () =>
      this.query(`select * from "ops"."operator_signing_key" order by "created_at" limit 1`);
    let [row] = await select();
    if (!row) {
      const key = await make();
      await this.query(
        `insert into "ops"."operator_signing_key" ("kid", "private_jwk", "public_jwk") values (?, ?, ?)
         on conflict do nothing`,
        [key.kid, JSON.stringify(key.privateJwk), JSON.stringify(key.publicJwk)],
      );
      [row] = await select();
    }
    return {
      kid: row.kid as string,
      privateJwk: row.private_jwk as object,
      publicJwk: row.public_jwk as object,
    };
  }
}
