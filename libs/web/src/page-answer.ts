// How a page answers when it cannot simply return its HTML: with a status (a refused form: 400, 404, 409, 503;
// a link that cannot act: 4xx), never cached. A form page that is refused shows itself again with the reason.
import { HttpException } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@cocomo/platform';

export function sendPage(response: Response, status: number, html: string): void {
  response.status(status).type('html').setHeader('cache-control', 'no-store');
  response.send(html);
}

/** The HTTP status of a refusal the page can explain (a domain rule, or Nest's own exceptions), else undefined. */
export function refusalStatusOf(error: unknown): number | undefined {
  if (error instanceof DomainError) return error.status;
  if (error instanceof HttpException) return error.getStatus();
  return undefined;
}

/** Why the last action on a form page could not be done: the refusal's own words. */
export interface PageRefusal {
  problem: string;
}

/**
 * An action the page's state no longer allows (another operator was first, the thing moved on or is gone),
 * answered with the page again and the refusal on it; any other error goes on to the exception filter.
 */
export async function refuseOnPage(
  response: Response,
  error: unknown,
  render: (refusal: PageRefusal) => Promise<string>,
): Promise<void> {
  const status = refusalStatusOf(error);
  if (status === undefined) throw error;
  const problem = error instanceof Error ? error.message : String(error);
  sendPage(response, status, await render({ problem }));
}
