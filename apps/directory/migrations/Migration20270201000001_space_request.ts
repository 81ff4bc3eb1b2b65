import { Migration } from '@mikro-orm/migrations';

// How often each space was asked, as the booking events tell it, so that the directory can leave out a space
// asked as often this month as its host allows: it never reads the bookings' tables. (When spaces are booked is
// kept in "booked_time", which the space calendars' migration adds.)
export class Migration20270201000001_space_request extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "directory"."space_request" (
      "booking_id" uuid not null,
      "space_id" uuid not null,
      "asked_at" timestamptz not null,
      primary key ("booking_id", "space_id")
    )`);
    this.addSql(`create index "space_request_space" on "directory"."space_request" ("space_id", "asked_at")`);
  }
}
