// The directory service: spaces, their hosts and review, search, the map and the SpaceAPI export.
import { Module, type DynamicModule } from '@nestjs/common';
import type { Environment } from '@cocomo/config';
import { ActionLinks, UsedLink } from '@cocomo/links';
import { ActionRecord, PlatformModule, type ServiceApp, type ServiceDefinition } from '@cocomo/platform';
import { serveSite, WebModule } from '@cocomo/web';
import { BookedTimesHandler } from './calendar/booked-times.handler';
import { BookedTimesService } from './calendar/booked-times.service';
import { SpaceCalendarController } from './calendar/space-calendar.controller';
import { AvailabilityController } from './availability/availability.controller';
import { BookedTimes } from './availability/booked-times';
import { SpaceAvailability } from './availability/space-availability';
import { directorySite } from './directory-site';
import { BadgeController } from './profile/badge.controller';
import { HostedEvent } from './profile/hosted-event.entity';
import { HostedEventsHandler } from './profile/hosted-events.handler';
import { HostedEventsService } from './profile/hosted-events.service';
import { HostSummaries } from './profile/host-summaries.service';
import { HostSummaryHandler } from './profile/host-summary.handler';
import { SummaryOptOutController } from './profile/summary-opt-out.controller';
import { SpaceProfileController } from './profile/space-profile.controller';
import { ChangeReviewController } from './manage/change-review.controller';
import { ManageLinkRequestController } from './manage/manage-link-request.controller';
import { ManageController } from './manage/manage.controller';
import { ManageService } from './manage/manage.service';
import { TakeOverController } from './manage/take-over.controller';
import { MapController } from './map/map.controller';
import { RankingController } from './ranking/ranking.controller';
import { RegistrationController } from './registration/registration.controller';
import { ReviewController } from './review/review.controller';
import { RankingService } from './ranking/ranking.service';
import { SpacesSearchService } from './search/spaces-search.service';
import { MapViewService } from './map/map-view.service';
import { SpaceApiController } from './spaceapi/spaceapi.controller';
import { ReviewDecision } from './spaces/review-decision.entity';
import { SpaceHistoryEntry } from './spaces/space-history.entity';
import { Space } from './spaces/space.entity';
import { SpacesController } from './spaces/spaces.controller';
import { SpaceRepository } from './spaces/space.repository';
import { SpaceScope } from './spaces/space-scope';
import { SpacesService } from './spaces/spaces.service';
import { DirectoryPersonalDataHandler } from './personal-data/personal-data.handler';
import { VerificationController } from './verification/verification.controller';

export const directoryDefinition: ServiceDefinition = {
  service: 'directory',
  apiPrefix: 'api/spaces',
  entities: [Space, ReviewDecision, UsedLink, HostedEvent, SpaceHistoryEntry],
  migrations: () => import('../migrations').then((loaded) => loaded.directoryMigrations),
  latestMigration: 'Migration20271101000000_timer_job',
  timers: true,
};

@Module({})
export class DirectoryModule {
  static forRoot(env: Environment): DynamicModule {
    return {
      module: DirectoryModule,
      imports: [PlatformModule.forRoot(directoryDefinition, env), WebModule.forSite(directorySite)],
      controllers: [
        SpacesController,
        SpaceApiController,
        MapController,
        VerificationController,
        RankingController,
        SpaceProfileController,
        RegistrationController,
        ReviewController,
        HostedEventsHandler,
        SpaceCalendarController,
        BookedTimesHandler,
        ManageController,
        ManageLinkRequestController,
        ChangeReviewController,
        TakeOverController,
        BadgeController,
        AvailabilityController,
        HostSummaryHandler,
        SummaryOptOutController,
        DirectoryPersonalDataHandler,
      ],
      providers: [
        SpaceRepository,
        SpaceScope,
        SpacesService,
        SpacesSearchService,
        MapViewService,
        RankingService,
        ActionLinks,
        HostedEventsService,
        HostSummaries,
        BookedTimesService,
        ManageService,
        BookedTimes,
        SpaceAvailability,
        ActionRecord,
      ],
    };
  }
}

/** The directory as it runs: its module, and its pages' static files beside the controllers. */
export const directoryApp: ServiceApp = {
  ...directoryDefinition,
  module: (env) => DirectoryModule.forRoot(env),
  concurrency: 16,
  configure: (app) => serveSite(app, directorySite),
};
