// /queues: Bull Board over every watched queue, for operators only: watching needs any role, acting on a job
// (retry, clean) the admin's (see operator-rights.ts).
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { Environment } from '@cocomo/config';
import { WatchedQueues } from '@cocomo/messaging';
import { assertOperator, operatorChallenge, signInRedirect } from '@cocomo/platform';
import { recordQueueActions } from './queue-board-record';

export const QUEUE_BOARD_PATH = '/queues';

/**
 * The cookie the board's page reads its CSRF token from: Bull Board's script sends its writes with axios, which
 * copies this cookie into an X-XSRF-Token header on requests to its own origin, so an operator's session can act
 * on jobs from the board while a page of another site, which cannot read the cookie, cannot.
 */
export const QUEUE_BOARD_CSRF_COOKIE = 'XSRF-TOKEN';

/** The operator check as Express middleware, answering as the services' exception filter does. */
export function operatorsOnly(env: Environment) {
  return (request: Request, response: Response, next: NextFunction) => {
    try {
      const operator = assertOperator(request, env);
      if (operator.kind === 'session' && operator.csrf && request.method === 'GET') {
        response.cookie(QUEUE_BOARD_CSRF_COOKIE, operator.csrf, {
          path: QUEUE_BOARD_PATH,
          sameSite: 'strict',
          secure: request.secure,
        });
      }
      next();
    } catch (error) {
      const status = (error as { getStatus?: () => number }).getStatus?.() ?? 500;
      if (status === 401) {
        const redirect = signInRedirect(request, env, error);
        if (redirect) return response.redirect(303, redirect);
        response.setHeader('www-authenticate', operatorChallenge(env));
      }
      response
        .status(status)
        .type('application/json')
        .json({
          statusCode: status,
          error: status === 401 ? 'UnauthorizedException' : 'ForbiddenException',
          message: (error as Error).message,
        });
    }
  };
}

export function mountQueueBoard(app: NestExpressApplication, env: Environment): void {
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: app.get(WatchedQueues).queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'CoCoMo queues' } },
  });
  app.use(QUEUE_BOARD_PATH, operatorsOnly(env), recordQueueActions(app), board.getRouter());
}
