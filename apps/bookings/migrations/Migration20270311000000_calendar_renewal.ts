import { Migration } from '@mikro-orm/migrations';

// When each person last renewed their private calendar link: links made before then no longer open it.
export class Migration20270311000000_calendar_renewal extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "bookings"."calendar_renewal" (
      "subject" varchar(100) not null,
      "recipient" varchar(320) not null,
      "renewed_at" timestamptz not null,
      primary key ("subject", "recipient")
    )`);
  }
}
