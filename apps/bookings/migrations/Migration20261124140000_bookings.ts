import { Migration } from '@mikro-orm/migrations';
import { usedLinkTableSql } from '@cocomo/links';
import { timerTableSql } from '@cocomo/messaging';

export class Migration20261124140000_bookings extends Migration {
  async up(): Promise<void> {
    // btree_gist lets one exclusion constraint compare the space (=) and the time range (&&) together.
    this.addSql('create extension if not exists btree_gist with schema public');
    // "during" never fails to build (greatest), so that an end before the start is named by its own check.
    this.addSql(`create table "bookings"."booking" (
      "id" uuid primary key,
      "state" varchar(20) not null,
      "version" int not null,
      "organizer_name" varchar(120) not null,
      "organizer_email" varchar(320) not null,
      "community" varchar(120) not null,
      "title" varchar(200) not null,
      "description" text not null,
      "starts_at" timestamptz not null,
      "ends_at" timestamptz not null,
      "expected_attendees" int not null check ("expected_attendees" >= 1),
      "needs" text[] not null,
      "requested_space_id" uuid null,
      "near_latitude" double precision null,
      "near_longitude" double precision null,
      "near_radius_km" double precision null,
      "candidates" jsonb not null default '[]',
      "space_snapshots" jsonb not null default '{}',
      "asked" jsonb not null default '[]',
      "space_id" uuid null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "during" tstzrange generated always as (tstzrange("starts_at", greatest("starts_at", "ends_at"), '[)')) stored,
      constraint "booking_ends_after_start" check ("ends_at" > "starts_at"),
      constraint "booking_has_a_place" check ("requested_space_id" is not null or "near_latitude" is not null)
    )`);
    // No two bookings holding a space may overlap in time: PostgreSQL refuses it, whatever the code does.
    this.addSql(`alter table "bookings"."booking" add constraint "booking_no_double_booking"
      exclude using gist ("space_id" with =, "during" with &&) where ("state" in ('confirmed', 'reconfirming'))`);
    this.addSql(`create index "booking_state" on "bookings"."booking" ("state", "starts_at")`);
    this.addSql(`create index "booking_community" on "bookings"."booking" (lower("community"), "starts_at")`);
    this.addSql(`create table "bookings"."booking_transition" (
      "id" bigserial primary key,
      "booking_id" uuid not null references "bookings"."booking" ("id"),
      "version" int not null,
      "at" timestamptz not null,
      "from_state" varchar(20) null,
      "to_state" varchar(20) not null,
      "cause" text not null
    )`);
    this.addSql(
      `create index "booking_transition_booking" on "bookings"."booking_transition" ("booking_id", "version")`,
    );
    for (const sql of timerTableSql('bookings')) this.addSql(sql);
    this.addSql(usedLinkTableSql('bookings'));
  }
}
