// MikroORM setup shared by the services: one PostgreSQL schema per service, migrations listed in code.
import type { MigrationObject } from '@mikro-orm/core';
import { PostgreSqlDriver, type Options } from '@mikro-orm/postgresql';
import type { ServiceName } from '@cocomo/contracts';

export interface ServiceOrmSettings {
  service: ServiceName;
  databaseUrl: string;
  entities: NonNullable<Options['entities']>;
  migrations: MigrationObject[];
  poolMax?: number;
}

export function serviceOrmOptions(settings: ServiceOrmSettings): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl: settings.databaseUrl,
    schema: settings.service,
    entities: settings.entities,
    forceUtcTimezone: true,
    pool: { min: 0, max: settings.poolMax ?? 10 },
    // Names the service in pg_stat_activity and the server's log, where every service's connections meet.
    driverOptions: { connection: { application_name: settings.service } },
    // The services reach the EntityManager through request and transaction contexts only.
    allowGlobalContext: false,
    debug: false,
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList: settings.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
  };
}
