import { Migration } from '@mikro-orm/migrations';

/** The calendar event sent with a delivery, kept so that a resend after a crash attaches the same file. */
export class Migration20261215000000_delivery_calendar extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table "notifications"."delivery" add column "calendar" jsonb null`);
  }
}
