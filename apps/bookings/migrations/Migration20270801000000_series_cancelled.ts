import { Migration } from '@mikro-orm/migrations';

// The organizer may cancel a series before its host answered: the series keeps that as its state.
export class Migration20270801000000_series_cancelled extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table "bookings"."booking_series"
      drop constraint "booking_series_state_check",
      add constraint "booking_series_state_check" check ("state" in ('asking', 'answered', 'cancelled'))`);
  }
}
