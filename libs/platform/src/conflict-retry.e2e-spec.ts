// A handler whose transaction PostgreSQL aborted for a deadlock is run again, with the request's entities
// as they were before; any other error is not. The deadlock is a real one, made by two connections locking
// two rows in opposite orders.
import { Controller, Post, type INestApplication } from '@nestjs/common';
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import request from 'supertest';
import { isolatedInfra, type IsolatedInfra } from '@cocomo/testing';
import { ConflictRetryInterceptor, isTransientConflict } from './conflict-retry.interceptor';

let infra: IsolatedInfra;
let deadlock: unknown;

async function realDeadlock(): Promise<unknown> {
  const [a, b] = [new Client(infra.env.DATABASE_URL), new Client(infra.env.DATABASE_URL)];
  await Promise.all([a.connect(), b.connect()]);
  try {
    await a.query(
      'create table "rows" ("id" int primary key, "v" int); insert into "rows" values (1, 0), (2, 0)',
    );
    await a.query(
      'create table "counter" ("id" int primary key, "value" int); insert into "counter" values (1, 0)',
    );
    await a.query('begin; update "rows" set "v" = 1 where "id" = 1');
    await b.query('begin; update "rows" set "v" = 2 where "id" = 2');
    const outcomes = await Promise.allSettled([
      a.query('update "rows" set "v" = 1 where "id" = 2'),
      b.query('update "rows" set "v" = 2 where "id" = 1'),
    ]);
    await Promise.all([a.query('rollback'), b.query('rollback')]);
    return outcomes.find((outcome) => outcome.status === 'rejected')!.reason;
  } finally {
    await Promise.all([a.end(), b.end()]);
  }
}

const calls = { conflicted: 0, broken: 0, bumped: 0 };

@Entity({ tableName: 'counter' })
class Counter {
  @PrimaryKey({ type: 'integer' })
  id: number;

  @Property({ type: 'integer' })
  value: number;
}

@Controller()
class FlakyController {
  constructor(private readonly em: EntityManager) {}

  /** Adds one in a transaction; the first attempt meets a deadlock after changing the counter. */
  @Post('bump')
  async bump() {
    await this.em.findOneOrFail(Counter, 1); // the request's EntityManager now holds the counter
    await this.em.transactional(async (em) => {
      const counter = await em.findOneOrFail(Counter, 1);
      counter.value += 1;
      await em.flush();
      if (++calls.bumped === 1) throw deadlock;
    });
    return this.em.findOneOrFail(Counter, 1);
  }

  @Post('conflicted')
  conflicted() {
    if (++calls.conflicted < 3) throw deadlock;
    return { attempts: calls.conflicted };
  }

  @Post('broken')
  broken() {
    calls.broken++;
    throw new Error('a bug');
  }
}

let app: INestApplication;

beforeAll(async () => {
  infra = await isolatedInfra();
  deadlock = await realDeadlock();
  const module = await Test.createTestingModule({
    imports: [
      MikroOrmModule.forRoot({
        driver: PostgreSqlDriver,
        clientUrl: infra.env.DATABASE_URL,
        entities: [Counter],
        allowGlobalContext: false,
      }),
    ],
    controllers: [FlakyController],
  }).compile();
  app = module.createNestApplication({ logger: ['error'] });
  app.useGlobalInterceptors(new ConflictRetryInterceptor());
  await app.init();
});
afterAll(async () => {
  await app?.close();
  await infra?.cleanup();
});

it('recognises PostgreSQL deadlocks, also wrapped, and nothing else', () => {
  expect(isTransientConflict(deadlock)).toBe(true);
  expect(isTransientConflict({ message: 'flush failed', previous: deadlock })).toBe(true);
  expect(isTransientConflict(new Error('a bug'))).toBe(false);
});

it('runs the handler again after a deadlock, and answers the attempt that passed', async () => {
  const response = await request(app.getHttpServer()).post('/conflicted').expect(201);
  expect(response.body).toEqual({ attempts: 3 });
});

it('does not run the handler again for any other error', async () => {
  await request(app.getHttpServer()).post('/broken').expect(500);
  expect(calls.broken).toBe(1);
});

it('gives the next attempt the request’s entities as they were, so the aborted change is not written', async () => {
  const response = await request(app.getHttpServer()).post('/bump').expect(201);
  expect(calls.bumped).toBe(2);
  // Once, not twice: the first attempt's change, left in the request's EntityManager, was dropped.
  expect(response.body).toEqual({ id: 1, value: 1 });
});
