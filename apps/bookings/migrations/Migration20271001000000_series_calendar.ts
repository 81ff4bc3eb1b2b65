import { Migration } from '@mikro-orm/migrations';

// A series' one calendar entry keeps its own SEQUENCE, raised with each change to any of its dates, and the
// dates it holds with the start the rule gave each (their RECURRENCE-ID), so that a date moved to another space
// or time stays a date of that entry in the organizer's calendar.
export class Migration20271001000000_series_calendar extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table "bookings"."booking_series"
      add column "calendar_sequence" integer not null default 0,
      add column "calendar_starts" jsonb not null default '{}'`);
  }
}
