import { Migration } from '@mikro-orm/migrations';
import { timerJobIdSql } from '@cocomo/messaging';

export class Migration20271101000000_timer_job extends Migration {
  async up(): Promise<void> {
    this.addSql(timerJobIdSql('bookings'));
  }
}
