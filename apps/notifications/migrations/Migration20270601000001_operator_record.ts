import { Migration } from '@mikro-orm/migrations';

/**
 * The record of what operators did to accounts (signing in and out, tokens made and revoked, operators made and
 * changed): who, when, what, on whom, from which address. Its actor is copied by email, so an entry outlives
 * the actor's account.
 */
export class Migration20270601000001_operator_record extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "notifications"."operator_record" (
      "id" bigserial primary key,
      "at" timestamptz not null default now(),
      "actor_id" uuid null,
      "actor_email" text not null,
      "action" text not null,
      "subject" text null,
      "address" text null)`);
    this.addSql(
      `create index "operator_record_actor_at" on "notifications"."operator_record" ("actor_id", "at")`,
    );
  }
}
