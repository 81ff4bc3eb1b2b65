import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124000000_init } from './Migration20261124000000_init';
import { Migration20261124120000_host_verification } from './Migration20261124120000_host_verification';
import { Migration20261125000000_search_covering_index } from './Migration20261125000000_search_covering_index';
import { Migration20261226000000_hosted_event } from './Migration20261226000000_hosted_event';
import { Migration20270201000000_space_management } from './Migration20270201000000_space_management';
import { Migration20270201000001_space_request } from './Migration20270201000001_space_request';
import { Migration20270201000002_hand_over } from './Migration20270201000002_hand_over';
import { Migration20270311000000_booked_time } from './Migration20270311000000_booked_time';
import { Migration20270701000000_host_summary } from './Migration20270701000000_host_summary';
import { Migration20270501000000_map_viewport_index } from './Migration20270501000000_map_viewport_index';
import { Migration20271005000000_host_locale } from './Migration20271005000000_host_locale';
import { Migration20271101000000_timer_job } from './Migration20271101000000_timer_job';

export const directoryMigrations: MigrationObject[] = [
  { name: 'Migration20261124000000_init', class: Migration20261124000000_init },
  { name: 'Migration20261124120000_host_verification', class: Migration20261124120000_host_verification },
  {
    name: 'Migration20261125000000_search_covering_index',
    class: Migration20261125000000_search_covering_index,
  },
  { name: 'Migration20261226000000_hosted_event', class: Migration20261226000000_hosted_event },
  { name: 'Migration20270201000000_space_management', class: Migration20270201000000_space_management },
  { name: 'Migration20270201000001_space_request', class: Migration20270201000001_space_request },
  { name: 'Migration20270201000002_hand_over', class: Migration20270201000002_hand_over },
  { name: 'Migration20270311000000_booked_time', class: Migration20270311000000_booked_time },
  { name: 'Migration20270501000000_map_viewport_index', class: Migration20270501000000_map_viewport_index },
  { name: 'Migration20270701000000_host_summary', class: Migration20270701000000_host_summary },
  { name: 'Migration20271005000000_host_locale', class: Migration20271005000000_host_locale },
  { name: 'Migration20271101000000_timer_job', class: Migration20271101000000_timer_job },
];
