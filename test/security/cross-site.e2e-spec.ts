// Cross-site request forgery against the operators: once an operator has logged in to the pages with HTTP
// Basic, the browser sends that login with any request to the site, also with a form another site submits.
// Such a write is refused and changes nothing; from the operator's own pages, or with a Bearer token, it acts.
import request from 'supertest';
import { verifyThroughLink } from '../../apps/directory/test/directory-harness';
import { aBookingRequest, aSpace, operator, startSystem, type SystemUnderTest } from './security-harness';

let system: SystemUnderTest;
const browserLogin = {
  authorization: `Basic ${Buffer.from('operator:test-operator-token').toString('base64')}`,
};

beforeAll(async () => {
  system = await startSystem();
});
afterAll(async () => {
  await system?.stop();
});

async function spaceAwaitingReview(name: string): Promise<string> {
  const { body } = await request(system.directory.url).post('/api/spaces').send(aSpace({ name })).expect(201);
  await verifyThroughLink(system.directory, body.id);
  return body.id;
}

const statusOf = async (id: string) =>
  (await request(system.directory.url).get(`/api/spaces/${id}`).set(operator).expect(200)).body.status;

it("refuses an approval another site submits with the operator's browser login, and approves nothing", async () => {
  const id = await spaceAwaitingReview('Forged Approval Hall');
  for (const site of ['cross-site', 'same-site']) {
    const refused = await request(system.directory.url)
      .post(`/api/spaces/${id}/approve`)
      .set({ ...browserLogin, 'sec-fetch-site': site, origin: 'https://elsewhere.example' })
      .type('form')
      .send({})
      .expect(403);
    expect(refused.body.message).toMatch(
      /^A request from another site cannot act with the operator's browser login/,
    );
  }
  expect(await statusOf(id)).toBe('pending_review');

  await request(system.directory.url)
    .post(`/api/spaces/${id}/approve`)
    .set({ ...browserLogin, 'sec-fetch-site': 'same-origin' })
    .expect(200);
  expect(await statusOf(id)).toBe('approved');
});

it('refuses a forged cancellation in the bookings service too, while the Bearer token still acts', async () => {
  const spaceId = await spaceAwaitingReview('Forged Cancel Hall');
  await request(system.directory.url).post(`/api/spaces/${spaceId}/approve`).set(operator).expect(200);
  const { body } = await request(system.bookings.url)
    .post('/api/bookings')
    .send(aBookingRequest({ spaceId }))
    .expect(201);
  await request(system.bookings.url)
    .post(`/api/bookings/${body.id}/cancel`)
    .set({ ...browserLogin, 'sec-fetch-site': 'cross-site' })
    .type('form')
    .send({ reason: 'forged' })
    .expect(403);
  const before = await request(system.bookings.url).get(`/api/bookings/${body.id}`).set(operator).expect(200);
  expect(before.body.state).not.toBe('cancelled');

  await request(system.bookings.url)
    .post(`/api/bookings/${body.id}/cancel`)
    .set({ ...operator, 'sec-fetch-site': 'cross-site' })
    .send({ reason: 'The organizer asked us by phone' })
    .expect(200);
  const after = await request(system.bookings.url).get(`/api/bookings/${body.id}`).set(operator).expect(200);
  expect(after.body.state).toBe('cancelled');
});
