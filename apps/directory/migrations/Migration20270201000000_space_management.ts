import { Migration } from '@mikro-orm/migrations';

// What a host sets through their manage page: when the space can be asked, a change to reviewed fields that
// waits for an operator, and the history of every change with who made it.
export class Migration20270201000000_space_management extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table "directory"."space"
      add column "availability" jsonb not null
        default '{"hours":{"mode":"on-request"},"closures":[],"pausedUntil":null,"monthlyCap":null}',
      add column "pending_change" jsonb null,
      add column "pending_change_by" varchar(320) null,
      add column "pending_change_at" timestamptz null`);
    this.addSql(`create table "directory"."space_history" (
      "id" uuid primary key,
      "space_id" uuid not null references "directory"."space" ("id"),
      "at" timestamptz not null,
      "by_email" varchar(320) not null,
      "what" varchar(40) not null,
      "changes" jsonb not null,
      "note" text null
    )`);
    this.addSql(`create index "space_history_space" on "directory"."space_history" ("space_id", "at")`);
  }
}
