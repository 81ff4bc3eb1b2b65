import { Migration } from '@mikro-orm/migrations';
import { usedLinkTableSql } from '@cocomo/links';

/**
 * People's own data: the "my data" links erase once (used_link), and the erased addresses are kept as SHA-256
 * digests only, so that a mail to one still in flight when its person was erased is dropped on arrival.
 */
export class Migration20271003000000_personal_data extends Migration {
  async up(): Promise<void> {
    this.addSql(usedLinkTableSql('notifications'));
    this.addSql(`create table "notifications"."erased_person" (
      "email_digest" char(64) primary key,
      "erased_at" timestamptz not null
    )`);
  }
}
