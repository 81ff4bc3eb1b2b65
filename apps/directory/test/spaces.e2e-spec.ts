import request from 'supertest';
import { Queue } from 'bullmq';
import { EntityManager } from '@mikro-orm/postgresql';
import { inboxQueue, spaceRegistered } from '@cocomo/contracts';
import { redisOptions } from '@cocomo/messaging';
import { encodeCursor } from '../src/search/search-cursor';
import {
  aSpace,
  operator,
  startDirectory,
  verifyThroughLink,
  type DirectoryUnderTest,
} from './directory-harness';

let directory: DirectoryUnderTest;

beforeAll(async () => {
  directory = await startDirectory();
});
afterAll(async () => {
  await directory?.stop();
});

async function register(overrides = {}) {
  const response = await request(directory.url).post('/api/spaces').send(aSpace(overrides));
  expect(response.status).toBe(201);
  return response.body as { id: string; status: string };
}

async function approved(overrides = {}) {
  const space = await register(overrides);
  await verifyThroughLink(directory, space.id);
  await request(directory.url).post(`/api/spaces/${space.id}/approve`).set(operator).expect(200);
  return space;
}

describe('registration', () => {
  it('registers a space that waits for its host to confirm their email and is not listed publicly', async () => {
    const space = await register({ name: 'Waiting Room' });
    expect(space.status).toBe('unverified');
    await request(directory.url).get(`/api/spaces/${space.id}`).expect(404);
    const search = await request(directory.url).get('/api/spaces').query({ q: 'Waiting Room' }).expect(200);
    expect(search.body.total).toBe(0);
    const asOperator = await request(directory.url).get(`/api/spaces/${space.id}`).set(operator).expect(200);
    expect(asOperator.body.host.email).toBe('asha@example.org');
  });

  it('publishes space.registered through the outbox to its subscribers', async () => {
    const space = await register({ name: 'Evented Space' });
    const queue = new Queue(inboxQueue('metrics'), {
      connection: redisOptions(directory.infra.env.REDIS_URL),
      prefix: directory.infra.env.QUEUE_PREFIX,
    });
    try {
      const deadline = Date.now() + 5000;
      let found: { name: string; data: { payload: { spaceId: string } } } | undefined;
      while (!found && Date.now() < deadline) {
        const jobs = await queue.getJobs(['waiting', 'delayed', 'completed', 'active']);
        found = jobs.find(
          (job) => job.data.payload.spaceId === space.id && job.name === spaceRegistered.name,
        );
        if (!found) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(found?.data.payload).toMatchObject({ spaceId: space.id, name: 'Evented Space', country: 'IN' });
      const orm = { em: directory.app.get(EntityManager) };
      const waitForPublished = async () => {
        for (let i = 0; i < 50; i++) {
          const [row] = await orm.em
            .fork()
            .execute(
              `select count(*)::int as "left" from "directory"."outbox_message" where "published_at" is null`,
            );
          if (row.left === 0) return 0;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return -1;
      };
      expect(await waitForPublished()).toBe(0);
    } finally {
      await queue.close();
    }
  });

  it.each([
    ['name', { name: '' }, 'name'],
    ['an unknown time zone', { timezone: 'Mars/Olympus' }, 'timezone'],
    ['an unknown country', { country: 'XX' }, 'country'],
    [
      'an unknown currency',
      { marketRate: { amount: 1, currency: 'XYZ', per: 'day' } },
      'marketRate.currency',
    ],
    [
      'a paid space without market rate',
      { pricing: { model: 'paid', amount: 10, currency: 'EUR', per: 'hour' }, marketRate: undefined },
      'marketRate',
    ],
    ['no capacity', { capacity: 0 }, 'capacity'],
    ['no amenities', { amenities: [] }, 'amenities'],
    [
      'no FOSS support',
      { eligibility: { supportsFoss: false, nonCommercialPledge: true } },
      'eligibility.supportsFoss',
    ],
    [
      'no pledge',
      { eligibility: { supportsFoss: true, nonCommercialPledge: false } },
      'eligibility.nonCommercialPledge',
    ],
    ['an unknown field', { sauna: true }, 'sauna'],
    ['a latitude off the map', { latitude: 123 }, 'latitude'],
    ['a language CoCoMo does not speak', { locale: 'tlh' }, 'locale'],
  ])('refuses %s with 400 naming the field, storing nothing', async (_label, overrides, field) => {
    const before = await request(directory.url)
      .get('/api/spaces')
      .query({ status: 'unverified' })
      .set(operator);
    const response = await request(directory.url).post('/api/spaces').send(aSpace(overrides));
    expect(response.status).toBe(400);
    expect(response.body.problems.map((p: { field: string }) => p.field)).toContain(field);
    const after = await request(directory.url)
      .get('/api/spaces')
      .query({ status: 'unverified' })
      .set(operator);
    expect(after.body.total).toBe(before.body.total);
  });

  it('lists every bad field at once', async () => {
    const response = await request(directory.url)
      .post('/api/spaces')
      .send(aSpace({ name: '', country: 'XX', timezone: 'Nowhere' }));
    expect(response.status).toBe(400);
    expect(response.body.problems.map((p: { field: string }) => p.field).sort()).toEqual([
      'country',
      'name',
      'timezone',
    ]);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const response = await request(directory.url)
      .post('/api/spaces')
      .set('content-type', 'application/json')
      .send('{"name": ');
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/JSON/);
  });
});

describe('review', () => {
  it('needs the operator token: 401 without, 403 with a wrong one', async () => {
    const space = await register();
    await verifyThroughLink(directory, space.id);
    await request(directory.url).post(`/api/spaces/${space.id}/approve`).expect(401);
    await request(directory.url)
      .post(`/api/spaces/${space.id}/approve`)
      .set({ authorization: 'Bearer nope' })
      .expect(403);
    const still = await request(directory.url).get(`/api/spaces/${space.id}`).set(operator).expect(200);
    expect(still.body.status).toBe('pending_review');
  });

  it('approves, and the space is listed; rejects with a reason; retires', async () => {
    const space = await approved({ name: 'Approved Hall' });
    const listed = await request(directory.url).get(`/api/spaces/${space.id}`).expect(200);
    expect(listed.body.status).toBe('approved');
    expect(listed.body.host).toBeUndefined();

    const other = await register({ name: 'Rejected Hall' });
    await verifyThroughLink(directory, other.id);
    await request(directory.url).post(`/api/spaces/${other.id}/reject`).set(operator).send({}).expect(400);
    const rejected = await request(directory.url)
      .post(`/api/spaces/${other.id}/reject`)
      .set(operator)
      .send({ reason: 'Not a real place' })
      .expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: 'Not a real place' });
    await request(directory.url).post(`/api/spaces/${other.id}/approve`).set(operator).expect(409);

    await request(directory.url).post(`/api/spaces/${space.id}/retire`).set(operator).expect(200);
    await request(directory.url).get(`/api/spaces/${space.id}`).expect(404);
  });

  it('lets operators change a space, checking the rules again', async () => {
    const space = await approved({ name: 'Changing Room' });
    const changed = await request(directory.url)
      .patch(`/api/spaces/${space.id}`)
      .set(operator)
      .send({ capacity: 80, amenities: ['wifi', 'Kitchen'] })
      .expect(200);
    expect(changed.body).toMatchObject({ capacity: 80, amenities: ['wifi', 'kitchen'] });
    const bad = await request(directory.url)
      .patch(`/api/spaces/${space.id}`)
      .set(operator)
      .send({ capacity: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.problems[0].field).toBe('capacity');
  });
});

describe('search', () => {
  let berlinFree: string;
  let berlinPaid: string;
  let potsdam: string;
  beforeAll(async () => {
    const berlin = { city: 'Berlin', country: 'DE', timezone: 'Europe/Berlin' };
    berlinFree = (
      await approved({
        ...berlin,
        name: 'Mitte Commons',
        latitude: 52.52,
        longitude: 13.405,
        capacity: 30,
        amenities: ['wifi', 'projector'],
      })
    ).id;
    berlinPaid = (
      await approved({
        ...berlin,
        name: 'Kreuzberg Loft',
        latitude: 52.4986,
        longitude: 13.4033,
        capacity: 120,
        amenities: ['wifi', 'projector', 'kitchen'],
        pricing: { model: 'paid', amount: 300, currency: 'EUR', per: 'day' },
        marketRate: { amount: 600, currency: 'EUR', per: 'day' },
      })
    ).id;
    potsdam = (
      await approved({
        ...berlin,
        city: 'Potsdam',
        name: 'Potsdam Lab',
        latitude: 52.3906,
        longitude: 13.0645,
        capacity: 50,
      })
    ).id;
  });

  const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

  it('finds spaces near a point, nearest first, with their distance', async () => {
    const response = await request(directory.url)
      .get('/api/spaces')
      .query({ near: '52.52,13.405', radiusKm: 10 })
      .expect(200);
    expect(ids(response.body)).toEqual([berlinFree, berlinPaid]);
    expect(response.body.items[0].distanceKm).toBe(0);
    expect(response.body.items[1].distanceKm).toBeCloseTo(2.4, 0);
    const wider = await request(directory.url)
      .get('/api/spaces')
      .query({ near: '52.52,13.405', radiusKm: 50 })
      .expect(200);
    expect(ids(wider.body)).toEqual([berlinFree, berlinPaid, potsdam]);
  });

  it.each([
    [{ minCapacity: 100 }, () => [berlinPaid]],
    [{ amenities: 'kitchen' }, () => [berlinPaid]],
    [{ pricing: 'free' }, () => [berlinFree, potsdam]],
    [{ pricing: 'paid' }, () => [berlinPaid]],
    [{ q: 'potsdam' }, () => [potsdam]],
  ])('filters by %j', async (filter, expected) => {
    const response = await request(directory.url)
      .get('/api/spaces')
      .query({ near: '52.52,13.405', radiusKm: 50, ...filter })
      .expect(200);
    expect(ids(response.body)).toEqual(expected());
  });

  it('filters by country', async () => {
    const response = await request(directory.url)
      .get('/api/spaces')
      .query({ country: 'DE', limit: 100 })
      .expect(200);
    expect(ids(response.body)).toEqual(expect.arrayContaining([berlinFree, berlinPaid, potsdam]));
    expect(response.body.items.every((item: { country: string }) => item.country === 'DE')).toBe(true);
  });

  it('pages with a cursor', async () => {
    const first = await request(directory.url)
      .get('/api/spaces')
      .query({ near: '52.52,13.405', radiusKm: 50, limit: 2 })
      .expect(200);
    expect(first.body.total).toBe(3);
    expect(ids(first.body)).toEqual([berlinFree, berlinPaid]);
    const second = await request(directory.url)
      .get('/api/spaces')
      .query({ near: '52.52,13.405', radiusKm: 50, limit: 2, cursor: first.body.nextCursor })
      .expect(200);
    expect(ids(second.body)).toEqual([potsdam]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('pages without a radius too, nearest first or by name, counting every match on each page', async () => {
    const nearest = await request(directory.url)
      .get('/api/spaces')
      .query({ near: '52.52,13.405', limit: 2 })
      .expect(200);
    expect(ids(nearest.body)).toEqual([berlinFree, berlinPaid]);
    const further = await request(directory.url)
      .get('/api/spaces')
      .query({ near: '52.52,13.405', limit: 2, cursor: nearest.body.nextCursor })
      .expect(200);
    expect(ids(further.body)[0]).toBe(potsdam);
    expect(further.body.total).toBe(nearest.body.total);

    const byName = await request(directory.url)
      .get('/api/spaces')
      .query({ country: 'DE', limit: 2 })
      .expect(200);
    expect(ids(byName.body)).toEqual([berlinPaid, berlinFree]);
    const rest = await request(directory.url)
      .get('/api/spaces')
      .query({ country: 'DE', limit: 2, cursor: byName.body.nextCursor })
      .expect(200);
    expect(ids(rest.body)).toEqual([potsdam]);
    expect(rest.body).toMatchObject({ total: 3, nextCursor: null });
  });

  it('still counts the matches on a page past the last one', async () => {
    const response = await request(directory.url)
      .get('/api/spaces')
      .query({
        near: '52.52,13.405',
        radiusKm: 50,
        cursor: encodeCursor({ key: 1e9, id: '00000000-0000-4000-8000-000000000000' }),
      })
      .expect(200);
    expect(response.body).toEqual({ items: [], total: 3, nextCursor: null });
  });

  it.each([
    [{ near: 'berlin' }, 'near'],
    [{ near: '95,13' }, 'near'],
    [{ radiusKm: 5 }, 'radiusKm'],
    [{ minCapacity: 'lots' }, 'minCapacity'],
    [{ pricing: 'cheap' }, 'pricing'],
    [{ cursor: 'garbage' }, 'cursor'],
  ])('refuses a bad query %j with 400', async (query, field) => {
    const response = await request(directory.url).get('/api/spaces').query(query);
    expect(response.status).toBe(400);
    expect(response.body.problems.map((p: { field: string }) => p.field)).toContain(field);
  });

  it('serves GeoJSON with [longitude, latitude]', async () => {
    const response = await request(directory.url)
      .get('/api/spaces.geojson')
      .query({ near: '52.52,13.405', radiusKm: 10 })
      .expect(200);
    expect(response.body.type).toBe('FeatureCollection');
    expect(response.body.features[0]).toMatchObject({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [13.405, 52.52] },
      properties: {
        id: berlinFree,
        name: 'Mitte Commons',
        pricing: { model: 'free' },
        capacity: 30,
        city: 'Berlin',
        country: 'DE',
      },
    });
    expect(response.body.features[1].properties.pricing.model).toBe('paid');
  });

  it('exports an approved space as a SpaceAPI document', async () => {
    const response = await request(directory.url).get(`/api/spaces/${berlinFree}/spaceapi.json`).expect(200);
    expect(response.body).toMatchObject({
      api_compatibility: expect.arrayContaining(['14']),
      space: 'Mitte Commons',
      location: { lat: 52.52, lon: 13.405, timezone: 'Europe/Berlin' },
    });
  });
});

describe('health', () => {
  it('answers 200 when the database and Redis answer', async () => {
    const response = await request(directory.url).get('/health').expect(200);
    expect(response.body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
  });
});
