// A link that has acted: its nonce is remembered, so the same link never acts twice.
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'used_link' })
export class UsedLink {
  @PrimaryKey({ type: 'string' })
  nonce: string;

  @Property({ type: 'string' })
  action: string;

  @Property({ type: 'string' })
  subject: string;

  @Property({ type: 'datetime' })
  usedAt: Date;
}

/** The table a service that acts on links creates in its own schema. */
export function usedLinkTableSql(schema: string): string {
  return `create table "${schema}"."used_link" (
    "nonce" varchar(64) primary key,
    "action" varchar(64) not null,
    "subject" varchar(255) not null,
    "used_at" timestamptz not null
  )`;
}
