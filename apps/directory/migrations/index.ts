import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124000000_init } from './Migration20261124000000_init';
import { Migration20261124120000_host_verification } from './Migration20261124120000_host_verification';
import { Migration20261125000000_search_covering_index } from './Migration20261125000000_search_covering_index';
import { Migration20261226000000_hosted_event } from './Migration20261226000000_hosted_event';

export const directoryMigrations: MigrationObject[] = [
  { name: 'Migration20261124000000_init', class: Migration20261124000000_init },
  { name: 'Migration20261124120000_host_verification', class: Migration20261124120000_host_verification },
  {
    name: 'Migration20261125000000_search_covering_index',
    class: Migration20261125000000_search_covering_index,
  },
  { name: 'Migration20261226000000_hosted_event', class: Migration20261226000000_hosted_event },
];
