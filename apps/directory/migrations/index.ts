import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124000000_init } from './Migration20261124000000_init';
import { Migration20261124120000_host_verification } from './Migration20261124120000_host_verification';

export const directoryMigrations: MigrationObject[] = [
  { name: 'Migration20261124000000_init', class: Migration20261124000000_init },
  { name: 'Migration20261124120000_host_verification', class: Migration20261124120000_host_verification },
];
