import { Migration } from '@mikro-orm/migrations';

/**
 * Named operators (issue 17): accounts with roles and countries, their sessions and personal API tokens (kept
 * as hashes), the sign-in attempts the rate limits count, and the key that signs what every service verifies.
 */
export class Migration20270601000000_operators extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "notifications"."operator" (
      "id" uuid primary key,
      "email" text not null,
      "name" text not null,
      "password_hash" text not null,
      "roles" text[] not null default '{}',
      "countries" text[] null,
      "failed_sign_ins" int not null default 0,
      "locked_until" timestamptz null,
      "disabled_at" timestamptz null,
      "not_before" timestamptz null,
      "created_at" timestamptz not null default now())`);
    this.addSql(`create unique index "operator_email_unique" on "notifications"."operator" (lower("email"))`);
    this.addSql(`create table "notifications"."operator_credential" (
      "id" uuid primary key,
      "operator_id" uuid not null references "notifications"."operator" ("id") on delete cascade,
      "kind" text not null check ("kind" in ('session', 'token')),
      "name" text null,
      "token_hash" text null,
      "created_at" timestamptz not null default now(),
      "expires_at" timestamptz not null,
      "last_used_at" timestamptz null,
      "revoked_at" timestamptz null,
      "address" text null)`);
    this
      .addSql(`create index "operator_credential_revoked" on "notifications"."operator_credential" ("expires_at")
      where "revoked_at" is not null`);
    this.addSql(`create table "notifications"."operator_sign_in_attempt" (
      "id" bigserial primary key,
      "email" text not null,
      "address" text not null,
      "succeeded" boolean not null,
      "at" timestamptz not null default now())`);
    this.addSql(`create index "operator_sign_in_attempt_address" on "notifications"."operator_sign_in_attempt"
      ("address", "at")`);
    this.addSql(`create table "notifications"."operator_signing_key" (
      "kid" text primary key,
      "private_jwk" jsonb not null,
      "public_jwk" jsonb not null,
      "created_at" timestamptz not null default now())`);
  }
}
