// The bookings service: booking requests, bookings, their state machine and timers (its domain arrives with the bookings issue).
import { Module, type DynamicModule } from '@nestjs/common';
import type { Environment } from '@cocomo/config';
import { PlatformModule, type ServiceDefinition } from '@cocomo/platform';
import { bookingsMigrations } from '../migrations';

export const bookingsDefinition: ServiceDefinition = {
  service: 'bookings',
  apiPrefix: 'api/bookings',
  entities: [],
  migrations: bookingsMigrations,
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
