// The outbox and inbox tables every service's first migration creates in its own schema.
export function messagingTablesSql(schema: string): string[] {
  return [
    `create table "${schema}"."outbox_message" (
      "id" uuid primary key,
      "name" varchar(255) not null,
      "version" int not null,
      "payload" jsonb not null,
      "correlation_id" varchar(255) null,
      "occurred_at" timestamptz not null,
      "published_at" timestamptz null
    )`,
    `create index "outbox_message_unpublished" on "${schema}"."outbox_message" ("occurred_at") where "published_at" is null`,
    `create table "${schema}"."processed_message" (
      "message_id" varchar(255) primary key,
      "name" varchar(255) not null,
      "processed_at" timestamptz not null
    )`,
  ];
}
