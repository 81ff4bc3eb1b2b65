// What the security and bad-input tests share: the services started in this process against one isolated
// database and queue prefix, and a fingerprint of a service's tables to prove a refusal changed nothing.
import request from 'supertest';
import { EntityManager } from '@mikro-orm/postgresql';
import { isolatedInfra, startService, type IsolatedInfra, type ServiceUnderTest } from '@cocomo/testing';
import { bookingsDefinition, BookingsModule } from '../../apps/bookings/src/bookings.module';
import { directoryApp } from '../../apps/directory/src/directory.module';
import { notifications } from '../../apps/notifications/test/notifications-harness';

export { aSpace, approvedSpace, operator } from '../../apps/directory/test/directory-harness';

export interface SystemUnderTest {
  infra: IsolatedInfra;
  directory: ServiceUnderTest;
  bookings: ServiceUnderTest;
  notifications?: ServiceUnderTest;
  stop: () => Promise<void>;
}

/** The directory and bookings services (and notifications when asked), with `variables` over the test env. */
export async function startSystem(
  variables: Record<string, string> = {},
  options: { notifications?: boolean } = {},
): Promise<SystemUnderTest> {
  const infra = await isolatedInfra(variables);
  const directory = await startService(directoryApp, infra.env);
  const bookings = await startService({ ...bookingsDefinition, module: BookingsModule.forRoot }, infra.env);
  const mail = options.notifications ? await startService(notifications, infra.env) : undefined;
  return {
    infra,
    directory,
    bookings,
    notifications: mail,
    stop: async () => {
      await mail?.close();
      await bookings.close();
      await directory.close();
      await infra.cleanup();
    },
  };
}

export function sql<T>(service: ServiceUnderTest, text: string, params: unknown[] = []): Promise<T[]> {
  return service.app.get(EntityManager).fork().execute(text, params);
}

const COUNTED_ONLY = new Set(['outbox_message', 'timer']);
/** What a service learns from other services' events, in its inbox, whenever those arrive. */
const LEARNED_FROM_EVENTS = ['processed_message', 'booked_time', 'space_request'];
/** Timers a service sets for itself: the bookings' retention look, set as it starts and again by each look. */
const OWN_TIMER_SUBJECTS = ['personal-data-retention'];

/**
 * Every row of the service's own tables, hashed per table. Outbox and timer rows are counted, not hashed: their
 * relay and scheduler mark them published or scheduled in the background. The inbox's memory of handled
 * messages, what the directory learns from booking events (booked times, requests sent), and the timers a
 * service sets for itself are left out: they arrive in the background, from earlier steps or from the service's
 * own clock. None of these is a change a request made.
 */
export async function fingerprint(
  service: ServiceUnderTest,
  schema: string,
): Promise<Record<string, string>> {
  const tables = await sql<{ table_name: string }>(
    service,
    `select "table_name" from "information_schema"."tables" where "table_schema" = ?
     and "table_name" not like 'mikro_orm%'
     and "table_name" not in (${LEARNED_FROM_EVENTS.map(() => '?').join(', ')}) order by "table_name"`,
    [schema, ...LEARNED_FROM_EVENTS],
  );
  const ownTimers = OWN_TIMER_SUBJECTS.map((subject) => `'${subject}'`).join(', ');
  const digests = tables.map(({ table_name: table }) =>
    COUNTED_ONLY.has(table)
      ? `select '${table}' as "table", count(*)::text as "digest" from "${schema}"."${table}"${
          table === 'timer' ? ` where "subject" is null or "subject" not in (${ownTimers})` : ''
        }`
      : `select '${table}' as "table", count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as "digest" from "${schema}"."${table}" t`,
  );
  const rows = await sql<{ table: string; digest: string }>(service, digests.join(' union all '));
  return Object.fromEntries(rows.map((row) => [`${schema}.${row.table}`, row.digest]));
}

/** A time `days` from now, as organizers write it. */
export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

export function aBookingRequest(change: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    organizer: { name: 'Olga', email: 'olga@example.org', community: 'Berlin Rust' },
    event: { title: 'Rust meetup', start: inDays(10), end: inDays(10.1), expectedAttendees: 20, needs: [] },
    near: { latitude: 52.52, longitude: 13.405, radiusKm: 20 },
    ...change,
  };
}

/** The path of the link with that label in the newest mail of `template` the bookings service asked for. */
export async function bookingLink(
  bookings: ServiceUnderTest,
  bookingId: string,
  template: string,
  label: string,
): Promise<string> {
  const rows = await sql<{ payload: { template: string; actions: { label: string; url: string }[] } }>(
    bookings,
    `select "payload" from "bookings"."outbox_message" where "name" = 'notify.email'
     and "payload"->'data'->>'bookingId' = ? order by "occurred_at" desc`,
    [bookingId],
  );
  const url = rows
    .find((row) => row.payload.template === template)
    ?.payload.actions.find((action) => action.label === label)?.url;
  if (!url) throw new Error(`no "${label}" link in a ${template} mail of booking ${bookingId}`);
  return new URL(url).pathname + new URL(url).search;
}

export const press = (service: ServiceUnderTest, path: string, form: Record<string, string> = {}) =>
  request(service.url)
    .post(path)
    .type('form')
    .send({ choice: 'confirm', ...form });
