import { Migration } from '@mikro-orm/migrations';

export class Migration20261226000000_hosted_event extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "directory"."hosted_event" (
      "booking_id" uuid primary key,
      "space_id" uuid not null,
      "community" varchar(255) not null,
      "event_title" varchar(255) null,
      "event_start" timestamptz not null,
      "event_end" timestamptz not null,
      "attendance" int not null,
      "newcomers" int not null,
      "recorded_at" timestamptz not null
    )`);
    this.addSql(
      `create index "hosted_event_space" on "directory"."hosted_event" ("space_id", "event_start")`,
    );
  }
}
