// The page renderer of a service, built once from its WebSite and given to every controller that shows a page,
// and the error pages the exception filter answers a browser with.
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ERROR_PAGES, type ErrorPages } from '@cocomo/platform';
import { PageRenderer } from './page-renderer';
import { rendererFor, type WebSite } from './web-site';

@Global()
@Module({})
export class WebModule {
  static forSite(site: WebSite): DynamicModule {
    return {
      module: WebModule,
      providers: [
        { provide: PageRenderer, useFactory: () => rendererFor(site) },
        {
          provide: ERROR_PAGES,
          inject: [PageRenderer],
          useFactory: (pages: PageRenderer): ErrorPages => ({
            render: (status, message) => pages.render('errors/error', { status, message }),
          }),
        },
      ],
      exports: [PageRenderer, ERROR_PAGES],
    };
  }
}
