import { Migration } from '@mikro-orm/migrations';
import { usedLinkTableSql } from '@cocomo/links';

export class Migration20261124120000_host_verification extends Migration {
  async up(): Promise<void> {
    // Links hosts act through (email verification first) are single use.
    this.addSql(usedLinkTableSql('directory'));
  }
}
