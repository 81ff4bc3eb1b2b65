// The four services as they run (each one's module, its pages' static files and queue board), for the tests
// that start them all.
import type { ServiceApp } from '@cocomo/platform';
import { directoryApp } from '../../apps/directory/src/directory.module';
import { bookingsApp } from '../../apps/bookings/src/bookings.module';
import { notificationsApp } from '../../apps/notifications/src/notifications.module';
import { metricsApp } from '../../apps/metrics/src/metrics.module';

export const theFourServices: ServiceApp[] = [directoryApp, bookingsApp, notificationsApp, metricsApp];
