// How a server-rendered form page answers after its form was sent and refused: the page again, with the status
// the refusal carries (400, 404, 409, 503), never cached. Successful sends redirect (303) instead.
import { HttpException } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from './domain-errors';
import { escapeHtml } from './escape-html';

export function sendHtml(response: Response, status: number, page: string): void {
  response.status(status).type('html').setHeader('cache-control', 'no-store');
  response.send(page);
}

/** The HTTP status of a refusal the page can explain (a domain rule, or Nest's own exceptions), else undefined. */
export function refusalStatusOf(error: unknown): number | undefined {
  if (error instanceof DomainError) return error.status;
  if (error instanceof HttpException) return error.getStatus();
  return undefined;
}

/** What the last action on a form page did, or why it could not: a status line, or an alert. */
export interface PageNotice {
  kind: 'done' | 'problem';
  text: string;
}

export function noticeHtml(notice: PageNotice | undefined): string {
  if (!notice) return '';
  const [className, role] = notice.kind === 'done' ? ['done', 'status'] : ['problem', 'alert'];
  return `<p class="${className}" role="${role}">${escapeHtml(notice.text)}</p>`;
}
