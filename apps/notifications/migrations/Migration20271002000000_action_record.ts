import { Migration } from '@mikro-orm/migrations';

/**
 * The record holds every person's action, not only those on accounts: operators' reviews and bookings actions,
 * and hosts' and organizers' presses of their links, which the other services send as record.entry. Each entry
 * says what kind of person acted, on which space and booking, and the message it came from (a repeated message
 * inserts nothing). Queried by person, space, booking and period, newest first.
 */
export class Migration20271002000000_action_record extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table "notifications"."operator_record"
      add column "actor_kind" text not null default 'operator'
        check ("actor_kind" in ('operator', 'host', 'organizer')),
      add column "space_id" uuid null,
      add column "booking_id" uuid null,
      add column "detail" text null,
      add column "message_id" uuid null`);
    this.addSql(
      `create unique index "operator_record_message" on "notifications"."operator_record" ("message_id")`,
    );
    this.addSql(`create index "operator_record_at" on "notifications"."operator_record" ("at", "id")`);
    this.addSql(
      `create index "operator_record_email_at" on "notifications"."operator_record" (lower("actor_email"), "at")`,
    );
    this.addSql(
      `create index "operator_record_space_at" on "notifications"."operator_record" ("space_id", "at") where "space_id" is not null`,
    );
    this.addSql(
      `create index "operator_record_booking_at" on "notifications"."operator_record" ("booking_id", "at") where "booking_id" is not null`,
    );
  }
}
