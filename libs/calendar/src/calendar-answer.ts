// How a feed is answered over HTTP: text/calendar with a strong ETag of its text, and 304 Not Modified when
// the client already holds that text, so that calendars polling every few minutes cost next to nothing.
import { createHash } from 'node:crypto';

interface FeedRequest {
  headers: { 'if-none-match'?: string | string[] };
}
interface FeedResponse {
  status(code: number): FeedResponse;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}

export function etagOf(text: string): string {
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 32)}"`;
}

/** Whether If-None-Match names the ETag (a list, weak or strong, or *), as RFC 9110 13.1.2 compares them. */
export function matchesEtag(ifNoneMatch: string | string[] | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const tags = (Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : ifNoneMatch).split(',');
  return tags.some((tag) => {
    const given = tag.trim().replace(/^W\//, '');
    return given === '*' || given === etag;
  });
}

export function answerCalendar(
  request: FeedRequest,
  response: FeedResponse,
  text: string,
  cacheControl: string,
  filename: string,
): void {
  const etag = etagOf(text);
  response.setHeader('ETag', etag);
  response.setHeader('Cache-Control', cacheControl);
  if (matchesEtag(request.headers['if-none-match'], etag)) {
    response.status(304).end();
    return;
  }
  response.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  response.setHeader('Content-Disposition', `inline; filename="${filename}"`);
  response.status(200).end(text);
}
