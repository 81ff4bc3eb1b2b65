// The replacement an erasure runs on a service's schema, against a real PostgreSQL: the email goes wherever it is
// written (in any case, in text, varchar and JSON), the names only in values that hold the email, and values
// that do not name the person stay exactly as they were.
import { MikroORM } from '@mikro-orm/postgresql';
import { isolatedInfra, type IsolatedInfra } from '@cocomo/testing';
import { erasePersonIn, rowsMentioning } from './personal-data';

let infra: IsolatedInfra;
let orm: MikroORM;
const person = {
  email: 'anu.k+cocomo@example.org',
  names: ['Anu'],
  placeholder: { email: 'erased-0123456789ab@erased.invalid', name: 'Erased person' },
};

beforeAll(async () => {
  infra = await isolatedInfra();
  orm = await MikroORM.init({
    clientUrl: infra.env.DATABASE_URL,
    entities: [],
    discovery: { warnWhenNoEntities: false },
  });
  const em = orm.em.fork();
  await em.execute(`create schema "sweep"`);
  await em.execute(`create table "sweep"."mail" (
    "id" int primary key, "recipient" varchar(320), "subject" varchar(40), "body" text, "data" jsonb, "counted" int)`);
  await em.execute(`insert into "sweep"."mail" values
    (1, 'Anu.K+cocomo@Example.org', 'Hello Anu', 'Dear Anu, Manuel and Anu.k+cocomo@example.org', '{"to":{"name":"Anu","email":"anu.k+cocomo@example.org"},"title":"Anu''s night"}', 1),
    (2, 'manuel@example.org', 'Hello Anu', 'Anu from Kochi', '{"to":{"name":"Anu","email":"anu@example.org"}}', 2),
    (3, 'anuxk+cocomo@example.org', null, 'anu.k+cocomoXexample.org', null, 3)`);
}, 60_000);
afterAll(async () => {
  await orm?.close();
  await infra?.cleanup();
});

const rows = () => orm.em.fork().execute(`select * from "sweep"."mail" order by "id"`);

it("a copy finds the rows that hold the person's email, in any case and in JSON, and no other", async () => {
  const found = await rowsMentioning(orm.em.fork(), 'sweep', person.email);
  expect((found.mail as { id: number }[]).map((row) => row.id)).toEqual([1]);
});

it('replaces the email everywhere and the names only beside it, keeping every row and every count', async () => {
  const before = await rows();
  const changed = await orm.em.fork().transactional((em) => erasePersonIn(em, 'sweep', person));
  expect(changed).toEqual({ mail: 3 });
  const [first, second, third] = await rows();
  expect(first).toEqual({
    id: 1,
    recipient: person.placeholder.email,
    // The subject does not hold the email: the name in it stays (the caller replaces such columns).
    subject: 'Hello Anu',
    body: `Dear Erased person, Manuel and ${person.placeholder.email}`,
    data: { to: { name: 'Erased person', email: person.placeholder.email }, title: "Erased person's night" },
    counted: 1,
  });
  // Another person named Anu, and addresses that only look alike (the dot and the plus are no patterns).
  expect(second).toEqual(before[1]);
  expect(third).toEqual(before[2]);
  // Once is enough: a second run finds nothing.
  expect(await orm.em.fork().transactional((em) => erasePersonIn(em, 'sweep', person))).toEqual({});
});
