import { Migration } from '@mikro-orm/migrations';

// The times declining hosts offer instead of the one asked, kept on the booking while it has no space.
export class Migration20270110000000_offered_times extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table "bookings"."booking" add column "offers" jsonb not null default '[]'`);
  }
}
