// The request the cross-service tests play: Hanna's free space in Berlin, registered, confirmed and approved, and
// Olga of Berlin Rust asking for a space near it for a meetup twelve days ahead.
import request from 'supertest';
import type { ServiceUnderTest } from '@cocomo/testing';
import { approvedSpace } from '../../apps/directory/test/directory-harness';

export const HOST = 'hanna@example.org';
export const ORGANIZER = 'olga@example.org';

export function approvedSpaceInBerlin(directory: ServiceUnderTest): Promise<string> {
  return approvedSpace(directory, {
    city: 'Berlin',
    country: 'DE',
    timezone: 'Europe/Berlin',
    latitude: 52.52,
    longitude: 13.405,
    host: { name: 'Hanna', email: HOST },
  });
}

/** POST /api/bookings for "Rust meetup", near the space; resolves with the 201 answer. */
export async function askForASpaceInBerlin(bookings: ServiceUnderTest): Promise<request.Response> {
  const start = new Date(Date.now() + 12 * 86_400_000);
  return request(bookings.url)
    .post('/api/bookings')
    .send({
      organizer: { name: 'Olga', email: ORGANIZER, community: 'Berlin Rust' },
      event: {
        title: 'Rust meetup',
        start: start.toISOString(),
        end: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
        expectedAttendees: 30,
      },
      near: { latitude: 52.52, longitude: 13.405, radiusKm: 10 },
    })
    .expect(201);
}
