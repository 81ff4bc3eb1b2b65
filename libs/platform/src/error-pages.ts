// An error met by a person's browser on a page's address is answered with a page; everyone else (API
// clients, scripts, the API's own addresses) gets the JSON that names the problem. The pages come from the
// service's views (libs/web), which escape what they show; a service without pages has none.
import type { Request } from 'express';

export const ERROR_PAGES = Symbol('ERROR_PAGES');

export interface ErrorPages {
  /** `retryAfterSeconds`: for a 429, when the reader may ask again. */
  render(status: number, message: string, retryAfterSeconds?: number): string;
}

/** Statuses a page explains; a 401 or 403 says nothing beyond its status, to a browser as to anyone. */
const EXPLAINED = new Set([400, 404, 429, 500, 503]);

/** Whether the error answers a browser's navigation to a page rather than a call of the API. */
export function wantsErrorPage(request: Request, status: number): boolean {
  if (!EXPLAINED.has(status) || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
  if (/^\/(api|metrics|health|queues)(\/|$)/.test(request.path) || request.path.endsWith('/docs'))
    return false;
  return request.accepts(['json', 'html']) === 'html';
}
