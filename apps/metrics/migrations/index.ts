import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124000000_init } from './Migration20261124000000_init';
import { Migration20261124130000_event_log } from './Migration20261124130000_event_log';
import { Migration20261220000000_projections } from './Migration20261220000000_projections';

export const metricsMigrations: MigrationObject[] = [
  { name: 'Migration20261124000000_init', class: Migration20261124000000_init },
  { name: 'Migration20261124130000_event_log', class: Migration20261124130000_event_log },
  { name: 'Migration20261220000000_projections', class: Migration20261220000000_projections },
];
