import { Migration } from '@mikro-orm/migrations';

// A recurring series: one request, one conversation with its space's host, and a booking per date linked to it.
export class Migration20270301000000_booking_series extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "bookings"."booking_series" (
      "id" uuid primary key,
      "space_id" uuid null,
      "timezone" text not null,
      "recurrence" jsonb not null,
      "state" text not null check ("state" in ('asking', 'answered')),
      "created_at" timestamptz not null,
      "answered_at" timestamptz null
    )`);
    this.addSql(`alter table "bookings"."booking"
      add column "series_id" uuid null references "bookings"."booking_series" ("id") deferrable initially deferred,
      add column "series_date" text null,
      add constraint "booking_series_date_once" unique ("series_id", "series_date")`);
    this.addSql(`create index "booking_series_id_index" on "bookings"."booking" ("series_id")`);
  }
}
