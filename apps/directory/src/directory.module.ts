// The directory service: spaces, their hosts and review, search, the map and the SpaceAPI export.
import { Module, type DynamicModule } from '@nestjs/common';
import type { Environment } from '@cocomo/config';
import { ActionLinks, UsedLink } from '@cocomo/links';
import { PlatformModule, type ServiceApp, type ServiceDefinition } from '@cocomo/platform';
import { serveMapAssets } from './map/map-assets';
import { HostedEvent } from './profile/hosted-event.entity';
import { HostedEventsHandler } from './profile/hosted-events.handler';
import { HostedEventsService } from './profile/hosted-events.service';
import { SpaceProfileController } from './profile/space-profile.controller';
import { MapController } from './map/map.controller';
import { RankingController } from './ranking/ranking.controller';
import { RegistrationController } from './registration/registration.controller';
import { ReviewController } from './review/review.controller';
import { RankingService } from './ranking/ranking.service';
import { SpacesSearchService } from './search/spaces-search.service';
import { SpaceApiController } from './spaceapi/spaceapi.controller';
import { ReviewDecision } from './spaces/review-decision.entity';
import { Space } from './spaces/space.entity';
import { SpacesController } from './spaces/spaces.controller';
import { SpacesService } from './spaces/spaces.service';
import { VerificationController } from './verification/verification.controller';

export const directoryDefinition: ServiceDefinition = {
  service: 'directory',
  apiPrefix: 'api/spaces',
  entities: [Space, ReviewDecision, UsedLink, HostedEvent],
  migrations: () => import('../migrations').then((loaded) => loaded.directoryMigrations),
};

@Module({})
export class DirectoryModule {
  static forRoot(env: Environment): DynamicModule {
    return {
      module: DirectoryModule,
      imports: [PlatformModule.forRoot(directoryDefinition, env)],
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
      ],
      providers: [SpacesService, SpacesSearchService, RankingService, ActionLinks, HostedEventsService],
    };
  }
}

/** The directory as it runs: its module, and the map page's static files beside the controllers. */
export const directoryApp: ServiceApp = {
  ...directoryDefinition,
  module: (env) => DirectoryModule.forRoot(env),
  concurrency: 16,
  configure: serveMapAssets,
};
