// The projections of the event log: one record per booking and per space, and the indexes that find an
// entity's events in the log.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261220000000_projections extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "metrics"."booking_record" (
      "booking_id" varchar(64) primary key,
      "updated_at" timestamptz not null,
      "record" jsonb not null
    )`);
    this.addSql(`create table "metrics"."space_record" (
      "space_id" varchar(64) primary key,
      "updated_at" timestamptz not null,
      "record" jsonb not null
    )`);
    this.addSql(
      `create index "event_log_booking" on "metrics"."event_log" (("payload"->>'bookingId')) where "name" like 'booking.%'`,
    );
    this.addSql(
      `create index "event_log_space" on "metrics"."event_log" (("payload"->>'spaceId')) where "name" like 'space.%'`,
    );
  }
}
