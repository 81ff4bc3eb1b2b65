import { Migration } from '@mikro-orm/migrations';

// How many spaces the directory's ranking left out of a request, by why (closed, paused, booked then …), so that
// the organizer's "no space found" says why.
export class Migration20270701000001_left_out extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table "bookings"."booking" add column "left_out" jsonb null`);
  }
}
