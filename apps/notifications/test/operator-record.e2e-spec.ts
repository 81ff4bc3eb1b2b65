// Every action on operators' accounts leaves exactly one entry in the record, with its actor, its subject and
// the address it came from; an admin queries it by person, subject and period.
import { MikroORM } from '@mikro-orm/postgresql';
import request from 'supertest';
import { SESSION_COOKIE } from '@cocomo/platform';
import { OperatorAccounts } from '../src/operators/operator-accounts';
import { namedOperator, OPERATOR_PASSWORD, postSignIn } from './named-operators';
import { query, startNotifications, type NotificationsUnderTest } from './notifications-harness';

let service: NotificationsUnderTest;

beforeAll(async () => {
  service = await startNotifications();
});
afterAll(async () => {
  await service?.stop();
});

it('signing in and out, tokens and operators made, changed and revoked: one entry each, with the actor', async () => {
  const admin = await namedOperator(service, ['admin']);
  const since = new Date().toISOString();
  const as = { authorization: `Bearer ${admin.token}` };
  const api = request(service.url);

  const made = await api
    .post('/api/operators')
    .set(as)
    .send({ email: 'new@operators.test', name: 'New', password: OPERATOR_PASSWORD, roles: ['viewer'] })
    .expect(201);
  await api
    .patch(`/api/operators/${made.body.id}`)
    .set(as)
    .send({ countries: ['IN'] })
    .expect(200);
  const token = await api.post('/api/operators/me/tokens').set(as).send({ name: 'script' }).expect(201);
  await api.delete(`/api/operators/me/tokens/${token.body.id}`).set(as).expect(200);
  expect((await postSignIn(service.url, { email: admin.email, password: 'wrong' })).status).toBe(401);
  const signedIn = await postSignIn(service.url, { email: admin.email, password: OPERATOR_PASSWORD });
  expect(signedIn.status).toBe(303);
  const cookie = String(signedIn.headers['set-cookie']).split(';')[0];
  const account = await api.get('/operators/account').set('cookie', cookie).expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(account.text)![1];
  await api.post('/operators/sign-out').set('cookie', cookie).type('form').send({ _csrf: csrf }).expect(303);
  expect(cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);

  const recorded = await api
    .get(`/api/operators/record?person=${admin.id}&from=${since}`)
    .set(as)
    .expect(200);
  const entries = recorded.body.items.reverse();
  expect(entries.map((entry: { action: string }) => entry.action)).toEqual([
    'operator-made',
    'operator-changed',
    'token-made',
    'token-revoked',
    'signed-in',
    'signed-out',
  ]);
  for (const entry of entries) {
    expect(entry).toMatchObject({ actorId: admin.id, actorEmail: admin.email, address: expect.any(String) });
  }
  expect(entries[0].subject).toBe(made.body.id);
  expect(entries[3].subject).toBe(token.body.id);
  // A refused sign-in names the email tried (there may be no account) and why.
  const refused = await api
    .get(`/api/operators/record?person=${admin.email}&from=${since}`)
    .set(as)
    .expect(200);
  expect(
    refused.body.items.filter((entry: { action: string }) => entry.action === 'sign-in-refused'),
  ).toEqual([expect.objectContaining({ actorEmail: admin.email, subject: 'wrong' })]);
  // By subject: everything done to the new operator.
  const onNew = await api.get(`/api/operators/record?subject=${made.body.id}`).set(as).expect(200);
  expect(onNew.body.items.map((entry: { action: string }) => entry.action)).toEqual([
    'operator-changed',
    'operator-made',
  ]);
  // Only admins read it.
  const viewer = await namedOperator(service, ['viewer']);
  await api.get('/api/operators/record').set('authorization', `Bearer ${viewer.token}`).expect(403);
  const refusedQuery = await api.get('/api/operators/record?from=yesterday').set(as).expect(400);
  expect(JSON.stringify(refusedQuery.body)).toContain('from');
});

it('an action on an account and its entry commit together: when the entry cannot be kept, nothing is done', async () => {
  const admin = await namedOperator(service, ['admin']);
  const other = await namedOperator(service, ['viewer']);
  const as = { authorization: `Bearer ${admin.token}` };
  const api = request(service.url);
  const schema = service.app.get(MikroORM).config.get('schema');
  const refuseEntries = `create trigger "refuse_entries" before insert on "${schema}"."operator_record"
    for each row execute function "${schema}"."refuse_entry"()`;
  await query(
    service,
    `create function "${schema}"."refuse_entry"() returns trigger language plpgsql as
     $$ begin raise exception 'the record cannot be written'; end $$`,
  );
  await query(service, refuseEntries);
  try {
    const changed = await api
      .patch(`/api/operators/${other.id}`)
      .set(as)
      .send({ roles: ['admin'] });
    expect(changed.status).toBeGreaterThanOrEqual(500);
    const made = await api
      .post('/api/operators')
      .set(as)
      .send({
        email: 'unrecorded@operators.test',
        name: 'U',
        password: OPERATOR_PASSWORD,
        roles: ['viewer'],
      });
    expect(made.status).toBeGreaterThanOrEqual(500);
    const revoked = await api.delete(`/api/operators/me/tokens/${admin.tokenId}`).set(as);
    expect(revoked.status).toBeGreaterThanOrEqual(500);
  } finally {
    await query(service, `drop trigger "refuse_entries" on "${schema}"."operator_record"`);
    await query(service, `drop function "${schema}"."refuse_entry"()`);
  }
  const accounts = service.app.get(OperatorAccounts);
  expect((await accounts.byId(other.id))!.roles).toEqual(['viewer']);
  expect(await accounts.byEmail('unrecorded@operators.test')).toBeUndefined();
  // The token that was not revoked still works, and the change goes through once the record can be written.
  await api
    .patch(`/api/operators/${other.id}`)
    .set(as)
    .send({ roles: ['admin'] })
    .expect(200);
  const onOther = await api.get(`/api/operators/record?subject=${other.id}`).set(as).expect(200);
  expect(onOther.body.items.map((entry: { action: string }) => entry.action)).toEqual(['operator-changed']);
});

it("the record's page refuses a query in the reader's language, each problem beside its field", async () => {
  const admin = await namedOperator(service, ['admin']);
  const refused = await request(service.url)
    .get('/operators/record?booking=not-an-id&to=2027-02-30')
    .set('authorization', `Bearer ${admin.token}`)
    .set('cookie', 'cocomo_lang=fr')
    .expect(400);
  expect(refused.text).toContain(
    '<li>Réservation\u00a0: doit être l’identifiant d’une réservation ou d’une série</li>',
  );
  expect(refused.text).toContain('<span class="field-problem">n’est pas une date qui existe</span>');
  expect(refused.text).not.toMatch(/must be|is not a/);
});
