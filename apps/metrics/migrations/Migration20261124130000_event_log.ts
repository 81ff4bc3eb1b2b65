import { Migration } from '@mikro-orm/migrations';

export class Migration20261124130000_event_log extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "metrics"."event_log" (
      "message_id" uuid primary key,
      "name" varchar(255) not null,
      "version" int not null,
      "occurred_at" timestamptz not null,
      "recorded_at" timestamptz not null,
      "payload" jsonb not null
    )`);
    this.addSql(`create index "event_log_name_occurred" on "metrics"."event_log" ("name", "occurred_at")`);
  }
}
