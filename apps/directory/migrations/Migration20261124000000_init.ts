import { Migration } from '@mikro-orm/migrations';
import { messagingTablesSql } from '@cocomo/messaging';

export class Migration20261124000000_init extends Migration {
  async up(): Promise<void> {
    // cube and earthdistance ship with PostgreSQL (contrib); they give the geo search its index.
    this.addSql('create extension if not exists cube with schema public');
    this.addSql('create extension if not exists earthdistance with schema public');
    this.addSql('create schema if not exists "directory"');
    this.addSql(`create table "directory"."space" (
      "id" uuid primary key,
      "name" varchar(255) not null,
      "kind" varchar(20) not null check ("kind" in ('college', 'company', 'hackerspace', 'community', 'other')),
      "description" text not null,
      "address" varchar(255) not null,
      "city" varchar(255) not null,
      "country" char(2) not null,
      "latitude" double precision not null check ("latitude" between -90 and 90),
      "longitude" double precision not null check ("longitude" between -180 and 180),
      "timezone" varchar(64) not null,
      "capacity" int not null check ("capacity" >= 1),
      "amenities" text[] not null,
      "pricing_model" varchar(4) not null check ("pricing_model" in ('free', 'paid')),
      "price_amount" numeric(12,2) null,
      "price_currency" char(3) null,
      "price_per" varchar(5) null,
      "market_rate_amount" numeric(12,2) null,
      "market_rate_currency" char(3) null,
      "market_rate_per" varchar(5) null,
      "host_name" varchar(255) not null,
      "host_email" varchar(320) not null,
      "supports_foss" boolean not null,
      "non_commercial_pledge" boolean not null,
      "status" varchar(20) not null,
      "rejection_reason" text null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "approved_at" timestamptz null,
      "earth_location" public.earth generated always as (public.ll_to_earth("latitude", "longitude")) stored
    )`);
    this.addSql(
      `create index "space_earth_location" on "directory"."space" using gist ("earth_location") where "status" = 'approved'`,
    );
    this.addSql(`create index "space_status" on "directory"."space" ("status", "created_at")`);
    this.addSql(
      `create index "space_country" on "directory"."space" ("country") where "status" = 'approved'`,
    );
    this.addSql(`create table "directory"."review_decision" (
      "id" uuid primary key,
      "space_id" uuid not null references "directory"."space" ("id"),
      "outcome" varchar(10) not null,
      "reason" text null,
      "decided_at" timestamptz not null
    )`);
    this.addSql(`create index "review_decision_space" on "directory"."review_decision" ("space_id")`);
    for (const sql of messagingTablesSql('directory')) this.addSql(sql);
  }
}
