import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124000000_init } from './Migration20261124000000_init';
import { Migration20261201000000_delivery } from './Migration20261201000000_delivery';

export const notificationsMigrations: MigrationObject[] = [
  { name: 'Migration20261124000000_init', class: Migration20261124000000_init },
  { name: 'Migration20261201000000_delivery', class: Migration20261201000000_delivery },
];
