import { Migration } from '@mikro-orm/migrations';

export class Migration20261125000000_search_covering_index extends Migration {
  async up(): Promise<void> {
    // The geo search filters and counts from the index alone: the columns it filters on besides distance, and
    // the id it joins back on, ride along in the GiST index, so only the page's own rows are read from the table.
    this.addSql(`create index "space_approved_near" on "directory"."space" using gist ("earth_location")
      include ("id", "capacity", "pricing_model", "amenities") where "status" = 'approved'`);
    this.addSql('drop index "directory"."space_earth_location"');
  }
}
