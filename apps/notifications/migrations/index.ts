import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124000000_init } from './Migration20261124000000_init';
import { Migration20261201000000_delivery } from './Migration20261201000000_delivery';
import { Migration20261215000000_delivery_calendar } from './Migration20261215000000_delivery_calendar';
import { Migration20261220000000_delivery_attempt_started } from './Migration20261220000000_delivery_attempt_started';

export const notificationsMigrations: MigrationObject[] = [
  { name: 'Migration20261124000000_init', class: Migration20261124000000_init },
  { name: 'Migration20261201000000_delivery', class: Migration20261201000000_delivery },
  { name: 'Migration20261215000000_delivery_calendar', class: Migration20261215000000_delivery_calendar },
  {
    name: 'Migration20261220000000_delivery_attempt_started',
    class: Migration20261220000000_delivery_attempt_started,
  },
];
