// The bookings service: booking requests, bookings, their state machine (src/machine), the workflow that
// drives it (src/workflow), the pages behind hosts' links (src/actions) and the booking timers.
import { Module, type DynamicModule } from '@nestjs/common';
import type { Environment } from '@cocomo/config';
import { PlatformModule, type ServiceApp, type ServiceDefinition } from '@cocomo/platform';
import { ActionLinks, UsedLink } from '@cocomo/links';
import { BookingActionsController } from './actions/booking-actions.controller';
import { BookingsController } from './requests/bookings.controller';
import { OpenBookingsController } from './operators/open-bookings.controller';
import { OperatorActions } from './operators/operator-actions';
import { CandidateSearch } from './requests/candidate-search';
import { serveRequestAssets } from './requests/request-assets';
import { RequestPageController } from './requests/request-page.controller';
import { BookingTimerHandler } from './timers/booking-timer.handler';
import { BookingEffects } from './workflow/booking-effects';
import { BookingWorkflow } from './workflow/booking-workflow.service';
import { Booking } from './bookings/booking.entity';
import { BookingTransition } from './bookings/booking-transition.entity';

export const bookingsDefinition: ServiceDefinition = {
  service: 'bookings',
  apiPrefix: 'api/bookings',
  entities: [Booking, BookingTransition, UsedLink],
  migrations: () => import('../migrations').then((loaded) => loaded.bookingsMigrations),
  timers: true,
  // Many jobs in hand at once: the inbox commits them in batches, so that timers due together act together.
  concurrency: 200,
};

@Module({})
export class BookingsModule {
  static forRoot(env: Environment): DynamicModule {
    return {
      module: BookingsModule,
      imports: [PlatformModule.forRoot(bookingsDefinition, env)],
      controllers: [
        BookingsController,
        BookingActionsController,
        BookingTimerHandler,
        RequestPageController,
        OpenBookingsController,
      ],
      providers: [BookingWorkflow, BookingEffects, CandidateSearch, ActionLinks, OperatorActions],
    };
  }
}

/** The bookings service as it runs: its module, and the request page's static files beside the controllers. */
export const bookingsApp: ServiceApp = {
  ...bookingsDefinition,
  module: (env) => BookingsModule.forRoot(env),
  configure: serveRequestAssets,
};
