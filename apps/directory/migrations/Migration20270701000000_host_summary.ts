import { Migration } from '@mikro-orm/migrations';
import { timerScheduledBySql, timerTableSql } from '@cocomo/messaging';

// The yearly summary of each active host: the directory keeps timers now (one per space and year), each hosted
// event keeps what renting the space would have cost, and a space keeps when its host opted out of the summary.
export class Migration20270701000000_host_summary extends Migration {
  async up(): Promise<void> {
    for (const sql of timerTableSql('directory')) this.addSql(sql);
    this.addSql(timerScheduledBySql('directory'));
    this.addSql(`alter table "directory"."hosted_event"
      add column "market_cost" numeric(12, 2) null, add column "currency" varchar(3) null`);
    this.addSql(`alter table "directory"."space" add column "summary_opt_out_at" timestamptz null`);
  }
}
