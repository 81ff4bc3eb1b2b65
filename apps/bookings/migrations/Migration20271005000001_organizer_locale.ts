import { Migration } from '@mikro-orm/migrations';

// The language the organizer asked in: every mail to them is written in it.
export class Migration20271005000001_organizer_locale extends Migration {
  async up(): Promise<void> {
    this.addSql(
      `alter table "bookings"."booking" add column "organizer_locale" varchar(35) not null default 'en'`,
    );
  }
}
