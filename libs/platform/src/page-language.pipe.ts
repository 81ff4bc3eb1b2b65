// `?lang=` is every page's (libs/platform page-locale.ts reads it): a page's own query, checked strictly by its
// schema, never sees it, so the switcher and a mail's link work on every page, filters and all.
import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';

@Injectable()
export class PageLanguagePipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'query' || metadata.data !== undefined) return value;
    if (!value || typeof value !== 'object' || !('lang' in value)) return value;
    const { lang: _lang, ...query } = value as Record<string, unknown>;
    return query;
  }
}
