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

/** The operator check as Express middleware, answering as the services' exception filter does. */
export function operatorsOnly(env: Environment) {
  return (request: Request, response: Response, next: NextFunction) => {
    try {
      assertOperator(request, env);
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
