// The bookings service: booking requests, bookings, their state machine (src/machine) and timers. Its schema
// and the machine are in place; the workflow that drives them arrives with the rest of the bookings issue.
import { Module, type DynamicModule } from '@nestjs/common';
import type { Environment } from '@cocomo/config';
import { PlatformModule, type ServiceDefinition } from '@cocomo/platform';
import { bookingsMigrations } from '../migrations';
import { Booking } from './bookings/booking.entity';
import { BookingTransition } from './bookings/booking-transition.entity';

export const bookingsDefinition: ServiceDefinition = {
  service: 'bookings',
  apiPrefix: 'api/bookings',
  entities: [Booking, BookingTransition],
  migrations: bookingsMigrations,
  timers: true,
};

@Module({})
export class BookingsModule {
  static forRoot(env: Environment): DynamicModule {
    return {
      module: BookingsModule,
      imports: [PlatformModule.forRoot(bookingsDefinition, env)],
    };
  }
}
