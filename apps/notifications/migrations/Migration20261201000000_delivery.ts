import { Migration } from '@mikro-orm/migrations';

export class Migration20261201000000_delivery extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "notifications"."delivery" (
      "id" varchar(255) primary key,
      "template" varchar(255) not null,
      "locale" varchar(35) not null,
      "recipient" varchar(320) not null,
      "recipient_name" varchar(255) null,
      "subject" text not null,
      "text" text not null,
      "html" text not null,
      "actions" jsonb not null,
      "status" varchar(10) not null check ("status" in ('queued', 'sending', 'sent', 'failed')),
      "attempts" int not null default 0,
      "last_error" text null,
      "created_at" timestamptz not null,
      "sent_at" timestamptz null,
      "correlation_id" varchar(255) null
    )`);
    this.addSql(`create index "delivery_status" on "notifications"."delivery" ("status", "created_at")`);
    this.addSql(`create index "delivery_created_at" on "notifications"."delivery" ("created_at")`);
  }
}
