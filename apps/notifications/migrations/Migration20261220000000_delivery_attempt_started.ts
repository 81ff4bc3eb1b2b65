import { Migration } from '@mikro-orm/migrations';

/**
 * When a delivery's attempt began, so that a second job for the same delivery (Redis lost the first while it
 * was sending) waits for that attempt to go stale instead of sending the mail a second time.
 */
export class Migration20261220000000_delivery_attempt_started extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table "notifications"."delivery" add column "attempt_started_at" timestamptz null`);
  }
}
