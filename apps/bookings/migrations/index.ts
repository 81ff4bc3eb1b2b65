import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124000000_init } from './Migration20261124000000_init';
import { Migration20261124140000_bookings } from './Migration20261124140000_bookings';

export const bookingsMigrations: MigrationObject[] = [
  { name: 'Migration20261124000000_init', class: Migration20261124000000_init },
  { name: 'Migration20261124140000_bookings', class: Migration20261124140000_bookings },
];
