// Operators log in to the pages (dashboard, queue board) with HTTP Basic, and a browser then sends those
// credentials with every request to the site, also with a form another site makes it submit. Such a
// cross-site write must not act with the operator's login (cross-site request forgery): a write that carries
// Basic credentials and that the browser says comes from another site (Sec-Fetch-Site) is refused with 403.
// Bearer tokens are never sent by a browser on its own, and tools such as curl send no Sec-Fetch-Site.
import type { NextFunction, Request, Response } from 'express';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What a browser says of a request the page itself made, or that the person typed or bookmarked. */
const OWN_REQUESTS = new Set(['same-origin', 'none']);

export function isCrossSiteOperatorWrite(request: Pick<Request, 'method' | 'headers'>): boolean {
  if (READS.has(request.method)) return false;
  if (!/^basic\s/i.test(request.headers.authorization ?? '')) return false;
  const site = request.headers['sec-fetch-site'];
  return typeof site === 'string' && !OWN_REQUESTS.has(site.toLowerCase());
}

export function refuseCrossSiteOperatorWrites(
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  if (!isCrossSiteOperatorWrite(request)) return next();
  response.status(403).json({
    statusCode: 403,
    error: 'Forbidden',
    message:
      "A request from another site cannot act with the operator's browser login. Act from the operator pages, " +
      'or call the API with Authorization: Bearer <OPERATOR_TOKEN>.',
  });
}
