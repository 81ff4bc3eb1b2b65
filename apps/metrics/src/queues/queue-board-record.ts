// Acting on jobs on the queue board (retry, clean, promote, remove, pause) is an operator action like any other.
// The board acts in Redis, outside any transaction, so its entry of the record is written once the board has
// answered that it did (a 2xx), in a transaction of its own, as a message to the record's keeper.
import { Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { ActionRecord, operatorActor } from '@cocomo/platform';

const logger = new Logger('QueueBoardRecord');

/** Express middleware behind the operator check: records each write the board carries out. */
export function recordQueueActions(app: NestExpressApplication) {
  const entities = app.get(EntityManager);
  const record = app.get(ActionRecord);
  return (request: Request, response: Response, next: NextFunction) => {
    if (request.method === 'GET' || request.method === 'HEAD') return next();
    const by = operatorActor(request);
    const detail = `${request.method} ${request.originalUrl}`;
    response.on('finish', () => {
      if (response.statusCode >= 300) return;
      entities
        .fork()
        .transactional(async (em) => record.add(em, by, 'queue-acted', { detail }))
        .catch((error: unknown) => logger.error(`The record missed ${detail}: ${(error as Error).message}`));
    });
    next();
  };
}
