import { Migration } from '@mikro-orm/migrations';

// A hand-over the host offered to another email, waiting for that person to confirm it by mail.
export class Migration20270201000002_hand_over extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table "directory"."space" add column "hand_over" jsonb null`);
  }
}
