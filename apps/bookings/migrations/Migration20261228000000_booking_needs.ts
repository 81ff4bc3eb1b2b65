import { Migration } from '@mikro-orm/migrations';

// What a booking needs of a space becomes one jsonb column, "needs", in the shape of the contract's
// BookingNeeds: the community, the space named and the place to look near (before: requested_space_id and
// three near_* columns), the people expected, the amenities and the times. Existing rows are moved over.
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

export class Migration20261228000000_booking_needs extends Migration {
  async up(): Promise<void> {
    const booking = '"bookings"."booking"';
    this.addSql(`alter table ${booking} rename column "needs" to "amenities"`);
    this.addSql(`alter table ${booking} add column "needs" jsonb null`);
    this.addSql(`update ${booking} set "needs" = jsonb_strip_nulls(jsonb_build_object(
      'community', "community",
      'spaceId', "requested_space_id",
      'near', case when "near_latitude" is null then null else jsonb_build_object(
        'latitude', "near_latitude", 'longitude', "near_longitude", 'radiusKm', "near_radius_km") end,
      'expectedAttendees', "expected_attendees",
      'needs', to_jsonb("amenities"),
      'start', to_char("starts_at" at time zone 'UTC', ${ISO}),
      'end', to_char("ends_at" at time zone 'UTC', ${ISO})))`);
    this.addSql(`alter table ${booking} alter column "needs" set not null`);
    this.addSql(`alter table ${booking} drop constraint "booking_has_a_place"`);
    this.addSql(`drop index "bookings"."booking_community"`);
    for (const column of [
      'community',
      'expected_attendees',
      'amenities',
      'requested_space_id',
      'near_latitude',
      'near_longitude',
      'near_radius_km',
    ]) {
      this.addSql(`alter table ${booking} drop column "${column}"`);
    }
    this.addSql(`alter table ${booking} add constraint "booking_has_a_place"
      check ("needs"->>'spaceId' is not null or "needs"->'near' is not null)`);
    this.addSql(`alter table ${booking} add constraint "booking_expects_people"
      check (("needs"->>'expectedAttendees')::int >= 1)`);
    // The time range stays in columns, which the rule against double bookings reads; they must say what the
    // needs say.
    this.addSql(`alter table ${booking} add constraint "booking_needs_its_times"
      check (("needs"->>'start')::timestamptz = "starts_at" and ("needs"->>'end')::timestamptz = "ends_at")`);
    this.addSql(`create index "booking_community" on ${booking} (lower("needs"->>'community'), "starts_at")`);
  }
}
