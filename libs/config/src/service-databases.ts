// Which PostgreSQL database each service uses: its own <SERVICE>_DATABASE_URL when set, DATABASE_URL otherwise.
// Each service owns one schema and never reads another's tables, so the four may share a database or not.
import type { ServiceName } from '@cocomo/contracts';

export interface ServiceDatabases {
  DATABASE_URL: string;
  DIRECTORY_DATABASE_URL?: string;
  BOOKINGS_DATABASE_URL?: string;
  NOTIFICATIONS_DATABASE_URL?: string;
  METRICS_DATABASE_URL?: string;
}

/** The variable that names a service's own database, e.g. BOOKINGS_DATABASE_URL. */
export function databaseVariableOf(service: ServiceName): keyof ServiceDatabases {
  return `${service.toUpperCase()}_DATABASE_URL` as keyof ServiceDatabases;
}

export function serviceDatabaseUrl(env: ServiceDatabases, service: ServiceName): string {
  return env[databaseVariableOf(service)] ?? env.DATABASE_URL;
}

/** The variable a service's database comes from, for messages that tell an operator what to fix. */
export function databaseSourceOf(env: ServiceDatabases, service: ServiceName): string {
  return env[databaseVariableOf(service)] ? databaseVariableOf(service) : 'DATABASE_URL';
}
