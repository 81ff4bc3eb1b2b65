// The bookings service. Its folders follow a request's flow, each importing only those below it: HTTP in
// requests/ and operators/, link pages in actions/, timers in timers/, what the directory tells of hosts'
// spaces in hosts/; the workflow and its collaborators in workflow/; the stored bookings and their repository
// in bookings/; the pure state machine in machine/.
import { Module, type DynamicModule } from '@nestjs/common';
import type { Environment } from '@cocomo/config';
import { ActionRecord, PlatformModule, type ServiceApp, type ServiceDefinition } from '@cocomo/platform';
import { ActionLinks, UsedLink } from '@cocomo/links';
import { serveSite, WebModule } from '@cocomo/web';
import { bookingsSite } from './bookings-site';
import { CalendarFeedsController } from './calendars/calendar-feeds.controller';
import { CalendarFeeds } from './calendars/calendar-feeds.service';
import { SpaceHostChangedHandler } from './hosts/space-host-changed.handler';
import { SpaceRetiredHandler } from './hosts/space-retired.handler';
import { BookingActionsController } from './actions/booking-actions.controller';
import { SeriesActionsController } from './actions/series-actions.controller';
import { BookingsController } from './requests/bookings.controller';
import { BookingScope } from './operators/booking-scope';
import { OpenBookingsController } from './operators/open-bookings.controller';
import { OperatorActions } from './workflow/operator-actions';
import { CandidateSearch } from './workflow/candidate-search';
import { RequestPageController } from './requests/request-page.controller';
import { BookingTimerHandler } from './timers/booking-timer.handler';
import { BookingEffects } from './workflow/booking-effects';
import { BookingWorkflow } from './workflow/booking-workflow.service';
import { SeriesWorkflow } from './workflow/series-workflow.service';
import { OrganizerLanguage } from './requests/organizer-language';
import { Booking } from './bookings/booking.entity';
import { BookingRepository } from './bookings/booking.repository';
import { BookingTransition } from './bookings/booking-transition.entity';
import { BookingsPersonalDataHandler } from './personal-data/personal-data.handler';
import { PersonalDataStore } from './personal-data/personal-data.store';
import { RetentionHandler, RetentionTimer } from './personal-data/retention';
import { BookingSeries } from './bookings/booking-series.entity';

/** The service's definition, with its pages' static files (every start of it spreads this). */
export const bookingsDefinition: ServiceDefinition & Pick<ServiceApp, 'configure'> = {
  service: 'bookings',
  apiPrefix: 'api/bookings',
  entities: [Booking, BookingTransition, BookingSeries, UsedLink],
  migrations: () => import('../migrations').then((loaded) => loaded.bookingsMigrations),
  latestMigration: 'Migration20271101000000_timer_job',
  timers: true,
  // Many jobs in hand at once: the inbox commits them in batches, so that timers due together act together.
  concurrency: 200,
  configure: (app) => serveSite(app, bookingsSite),
};

@Module({})
export class BookingsModule {
  static forRoot(env: Environment): DynamicModule {
    return {
      module: BookingsModule,
      imports: [PlatformModule.forRoot(bookingsDefinition, env), WebModule.forSite(bookingsSite)],
      controllers: [
        BookingsController,
        BookingActionsController,
        SeriesActionsController,
        BookingTimerHandler,
        RequestPageController,
        OpenBookingsController,
        CalendarFeedsController,
        SpaceRetiredHandler,
        SpaceHostChangedHandler,
        BookingsPersonalDataHandler,
        RetentionHandler,
      ],
      providers: [
        BookingRepository,
        BookingWorkflow,
        SeriesWorkflow,
        BookingEffects,
        CandidateSearch,
        ActionLinks,
        OperatorActions,
        BookingScope,
        CalendarFeeds,
        PersonalDataStore,
        RetentionTimer,
        ActionRecord,
        OrganizerLanguage,
      ],
    };
  }
}

/** The bookings service as it runs. */
export const bookingsApp: ServiceApp = {
  ...bookingsDefinition,
  module: (env) => BookingsModule.forRoot(env),
};
