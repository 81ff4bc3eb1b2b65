import { readEnvironment } from './environment';
import { databaseSourceOf, serviceDatabaseUrl } from './service-databases';

const shared = 'postgres://postgres@db.internal:5432/cocomo';
const own = 'postgres://bookings@bookings-db.internal:5432/bookings';
const env = readEnvironment({ DATABASE_URL: shared, BOOKINGS_DATABASE_URL: own });

describe("a service's database", () => {
  it.each([
    ['bookings', own, 'BOOKINGS_DATABASE_URL'],
    ['directory', shared, 'DATABASE_URL'],
    ['notifications', shared, 'DATABASE_URL'],
    ['metrics', shared, 'DATABASE_URL'],
  ] as const)('of %s is %s, named by %s', (service, url, variable) => {
    expect(serviceDatabaseUrl(env, service)).toBe(url);
    expect(databaseSourceOf(env, service)).toBe(variable);
  });
});
