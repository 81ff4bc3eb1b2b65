import { Migration } from '@mikro-orm/migrations';
import { timerScheduledBySql } from '@cocomo/messaging';

export class Migration20261227000000_timer_scheduled_by extends Migration {
  async up(): Promise<void> {
    this.addSql(timerScheduledBySql('bookings'));
  }
}
