import { Migration } from '@mikro-orm/migrations';

/**
 * An operator's optional second factor: the TOTP secret (an authenticator app holds the same one, so it is
 * kept as it is, beside the signing key), the last time step a code was used in (a code counts once), and
 * recovery codes, kept as SHA-256 hashes (each is 80 random bits) and used once each.
 */
export class Migration20271004000000_operator_second_factor extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table "notifications"."operator"
      add column "totp_secret" text null,
      add column "totp_last_step" bigint null`);
    this.addSql(`create table "notifications"."operator_recovery_code" (
      "operator_id" uuid not null references "notifications"."operator" ("id") on delete cascade,
      "code_hash" text not null,
      "used_at" timestamptz null,
      primary key ("operator_id", "code_hash"))`);
  }
}
