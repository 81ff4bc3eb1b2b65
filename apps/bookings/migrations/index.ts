import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124000000_init } from './Migration20261124000000_init';
import { Migration20261124140000_bookings } from './Migration20261124140000_bookings';
import { Migration20261227000000_timer_scheduled_by } from './Migration20261227000000_timer_scheduled_by';
import { Migration20261228000000_booking_needs } from './Migration20261228000000_booking_needs';
import { Migration20270110000000_offered_times } from './Migration20270110000000_offered_times';
import { Migration20270301000000_booking_series } from './Migration20270301000000_booking_series';
import { Migration20270701000001_left_out } from './Migration20270701000001_left_out';
import { Migration20270311000000_calendar_renewal } from './Migration20270311000000_calendar_renewal';
import { Migration20270801000000_series_cancelled } from './Migration20270801000000_series_cancelled';
import { Migration20271001000000_series_calendar } from './Migration20271001000000_series_calendar';
import { Migration20271005000001_organizer_locale } from './Migration20271005000001_organizer_locale';
import { Migration20271101000000_timer_job } from './Migration20271101000000_timer_job';

export const bookingsMigrations: MigrationObject[] = [
  { name: 'Migration20261124000000_init', class: Migration20261124000000_init },
  { name: 'Migration20261124140000_bookings', class: Migration20261124140000_bookings },
  { name: 'Migration20261227000000_timer_scheduled_by', class: Migration20261227000000_timer_scheduled_by },
  { name: 'Migration20261228000000_booking_needs', class: Migration20261228000000_booking_needs },
  { name: 'Migration20270110000000_offered_times', class: Migration20270110000000_offered_times },
  { name: 'Migration20270301000000_booking_series', class: Migration20270301000000_booking_series },
  { name: 'Migration20270311000000_calendar_renewal', class: Migration20270311000000_calendar_renewal },
  { name: 'Migration20270701000001_left_out', class: Migration20270701000001_left_out },
  { name: 'Migration20270801000000_series_cancelled', class: Migration20270801000000_series_cancelled },
  { name: 'Migration20271001000000_series_calendar', class: Migration20271001000000_series_calendar },
  { name: 'Migration20271005000001_organizer_locale', class: Migration20271005000001_organizer_locale },
  { name: 'Migration20271101000000_timer_job', class: Migration20271101000000_timer_job },
];
