// How long each HTTP request took, by method, route and status: the route is the pattern the request matched
// ("/api/spaces/:id"), never the raw URL, so that the series stay few. Requests no route matched (Nest answers
// them 404 through a catch-all route) are counted under "(unmatched)", files served from a folder (pages' scripts
// and styles) under "(static)".
import type { NextFunction, Request, Response } from 'express';
import { Histogram, type Registry } from 'prom-client';

export const UNMATCHED_ROUTE = '(unmatched)';
export const STATIC_ROUTE = '(static)';

export function routeOf(request: { route?: { path?: unknown }; baseUrl?: string }): string {
  const pattern = request.route?.path;
  if (typeof pattern !== 'string') return STATIC_ROUTE;
  if (pattern.includes('*')) return UNMATCHED_ROUTE;
  // A router mounted under a prefix (the queue board) keeps the prefix in baseUrl.
  return `${request.baseUrl ?? ''}${pattern}` || '/';
}

export function measureRequests(registry: Registry) {
  const durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'How long HTTP requests took to answer, by method, route pattern and status',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return (request: Request, response: Response, next: NextFunction): void => {
    const end = durations.startTimer();
    response.once('finish', () =>
      end({ method: request.method, route: routeOf(request), status_code: String(response.statusCode) }),
    );
    next();
  };
}
