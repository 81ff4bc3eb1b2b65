import { Migration } from '@mikro-orm/migrations';
import { messagingTablesSql } from '@cocomo/messaging';

export class Migration20261124000000_init extends Migration {
  async up(): Promise<void> {
    this.addSql('create schema if not exists "notifications"');
    for (const sql of messagingTablesSql('notifications')) this.addSql(sql);
  }
}
