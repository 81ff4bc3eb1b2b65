import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124000000_init } from './Migration20261124000000_init';
import { Migration20261201000000_delivery } from './Migration20261201000000_delivery';
import { Migration20261215000000_delivery_calendar } from './Migration20261215000000_delivery_calendar';
import { Migration20261220000000_delivery_attempt_started } from './Migration20261220000000_delivery_attempt_started';
import { Migration20270601000000_operators } from './Migration20270601000000_operators';
import { Migration20270601000001_operator_record } from './Migration20270601000001_operator_record';
import { Migration20271002000000_action_record } from './Migration20271002000000_action_record';
import { Migration20271003000000_personal_data } from './Migration20271003000000_personal_data';
import { Migration20271004000000_operator_second_factor } from './Migration20271004000000_operator_second_factor';

export const notificationsMigrations: MigrationObject[] = [
  { name: 'Migration20261124000000_init', class: Migration20261124000000_init },
  { name: 'Migration20261201000000_delivery', class: Migration20261201000000_delivery },
  { name: 'Migration20261215000000_delivery_calendar', class: Migration20261215000000_delivery_calendar },
  {
    name: 'Migration20261220000000_delivery_attempt_started',
    class: Migration20261220000000_delivery_attempt_started,
  },
  { name: 'Migration20270601000000_operators', class: Migration20270601000000_operators },
  { name: 'Migration20270601000001_operator_record', class: Migration20270601000001_operator_record },
  { name: 'Migration20271002000000_action_record', class: Migration20271002000000_action_record },
  { name: 'Migration20271003000000_personal_data', class: Migration20271003000000_personal_data },
  {
    name: 'Migration20271004000000_operator_second_factor',
    class: Migration20271004000000_operator_second_factor,
  },
];
