import { Migration } from '@mikro-orm/migrations';

export class Migration20270311000000_booked_time extends Migration {
  async up(): Promise<void> {
    // A released time stays as a row (a tombstone) with the version that released it, so that an older step
    // arriving late cannot book the time again.
    this.addSql(`create table "directory"."booked_time" (
      "booking_id" uuid primary key,
      "space_id" uuid null,
      "event_title" varchar(255) not null,
      "event_start" timestamptz not null,
      "event_end" timestamptz not null,
      "booking_version" int not null,
      "released" boolean not null default false,
      "changed_at" timestamptz not null
    )`);
    this.addSql(
      `create index "booked_time_space" on "directory"."booked_time" ("space_id", "event_start") where not "released"`,
    );
  }
}
