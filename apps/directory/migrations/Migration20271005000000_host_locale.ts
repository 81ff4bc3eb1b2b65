import { Migration } from '@mikro-orm/migrations';

// The language the host asked for at registration: every mail to them is written in it.
export class Migration20271005000000_host_locale extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table "directory"."space" add column "host_locale" varchar(35) not null default 'en'`);
  }
}
