// The page renderer of a service, built once from its WebSite and given to every controller that shows a page,
// and the error pages the exception filter answers a browser with.
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { currentPageLocale, ERROR_PAGES, problemIn, type ErrorPages } from '@cocomo/platform';
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
            // The problem's own words, in the page's language when the problems catalogue knows them.
            render: (status, message, retryAfterSeconds) =>
              pages.render('errors/error', {
                status,
                message: problemIn(currentPageLocale() ?? 'en', { field: '', problem: message }).problem,
                retryAfterSeconds,
              }),
          }),
        },
      ],
      exports: [PageRenderer, ERROR_PAGES],
    };
  }
}
