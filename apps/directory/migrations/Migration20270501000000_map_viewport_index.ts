import { Migration } from '@mikro-orm/migrations';
import { MAP_CELL_LEVELS } from '../src/map/map-cell-levels';

export class Migration20270501000000_map_viewport_index extends Migration {
  async up(): Promise<void> {
    // The map asks for the approved spaces inside its view (a box of longitude and latitude), counts them on a grid
    // and lists those nearest the view's centre: a GiST index on the plain (longitude, latitude) point answers the
    // box (`<@`) and the nearest-first order (`<->`) at once. The columns the map's filters and clusters read ride
    // along, so a view is counted from the index alone. (PostGIS is not installed here; PostgreSQL's own point and
    // box are enough for a map in degrees.)
    this
      .addSql(`create index "space_approved_map" on "directory"."space" using gist (point("longitude", "latitude"))
      include ("latitude", "longitude", "id", "capacity", "pricing_model", "amenities", "country")
      where "status" = 'approved'`);

    // Counting a whole country from the index still reads every space in it (60,000 spaces: ~65 ms): the same grid
    // is also kept counted, level by level, for views wide enough to need it. Free and paid apart, each with the
    // sums of its members' coordinates, so a cluster sits at the middle of its spaces. Kept by statement triggers,
    // so a bulk load counts in one pass and a single approval adds one to a cell of each level.
    this.addSql(`create table "directory"."map_cell" (
      "level" smallint not null,
      "cx" int not null,
      "cy" int not null,
      "free" int not null,
      "paid" int not null,
      "free_latitude" float8 not null,
      "free_longitude" float8 not null,
      "paid_latitude" float8 not null,
      "paid_longitude" float8 not null,
      primary key ("level", "cx", "cy")
    )`);
    this.addSql(`create function "directory"."map_cell_add"(
        "latitudes" float8[], "longitudes" float8[], "paids" boolean[], "sign" int)
      returns void language sql as $$
        insert into "directory"."map_cell" as c ("level", "cx", "cy", "free", "paid",
          "free_latitude", "free_longitude", "paid_latitude", "paid_longitude")
        select l."level", floor(p."lng" / (360.0 / (1 << l."level")))::int, floor(p."lat" / (360.0 / (1 << l."level")))::int,
          "sign" * count(*) filter (where not p."paid"), "sign" * count(*) filter (where p."paid"),
          "sign" * coalesce(sum(p."lat") filter (where not p."paid"), 0), "sign" * coalesce(sum(p."lng") filter (where not p."paid"), 0),
          "sign" * coalesce(sum(p."lat") filter (where p."paid"), 0), "sign" * coalesce(sum(p."lng") filter (where p."paid"), 0)
        from unnest("latitudes", "longitudes", "paids") p("lat", "lng", "paid")
          cross join generate_series(0, ${MAP_CELL_LEVELS}) l("level")
        group by 1, 2, 3
        order by 1, 2, 3
        on conflict ("level", "cx", "cy") do update set
          "free" = c."free" + excluded."free",
          "paid" = c."paid" + excluded."paid",
          "free_latitude" = case when c."free" + excluded."free" = 0 then 0 else c."free_latitude" + excluded."free_latitude" end,
          "free_longitude" = case when c."free" + excluded."free" = 0 then 0 else c."free_longitude" + excluded."free_longitude" end,
          "paid_latitude" = case when c."paid" + excluded."paid" = 0 then 0 else c."paid_latitude" + excluded."paid_latitude" end,
          "paid_longitude" = case when c."paid" + excluded."paid" = 0 then 0 else c."paid_longitude" + excluded."paid_longitude" end
      $$`);
    const approved = (rows: string) =>
      `select coalesce(array_agg("latitude"), '{}'), coalesce(array_agg("longitude"), '{}'),
         coalesce(array_agg("pricing_model" = 'paid'), '{}') from ${rows} where "status" = 'approved'`;
    this.addSql(`create function "directory"."map_cell_count"() returns trigger language plpgsql as $$
      declare latitudes float8[]; longitudes float8[]; paids boolean[];
      begin
        if tg_op = 'TRUNCATE' then
          truncate "directory"."map_cell";
          return null;
        end if;
        if tg_op in ('UPDATE', 'DELETE') then
          ${approved('"old_rows"')} into latitudes, longitudes, paids;
          if cardinality(latitudes) > 0 then perform "directory"."map_cell_add"(latitudes, longitudes, paids, -1); end if;
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          ${approved('"new_rows"')} into latitudes, longitudes, paids;
          if cardinality(latitudes) > 0 then perform "directory"."map_cell_add"(latitudes, longitudes, paids, 1); end if;
        end if;
        return null;
      end $$`);
    this.addSql(`create trigger "space_map_cell_insert" after insert on "directory"."space"
      referencing new table as "new_rows" for each statement execute function "directory"."map_cell_count"()`);
    this.addSql(`create trigger "space_map_cell_update" after update on "directory"."space"
      referencing old table as "old_rows" new table as "new_rows"
      for each statement execute function "directory"."map_cell_count"()`);
    this.addSql(`create trigger "space_map_cell_delete" after delete on "directory"."space"
      referencing old table as "old_rows" for each statement execute function "directory"."map_cell_count"()`);
    this.addSql(`create trigger "space_map_cell_truncate" after truncate on "directory"."space"
      for each statement execute function "directory"."map_cell_count"()`);
    this.addSql(`select "directory"."map_cell_add"(array_agg("latitude"), array_agg("longitude"),
      array_agg("pricing_model" = 'paid'), 1) from "directory"."space" where "status" = 'approved' having count(*) > 0`);
  }
}
