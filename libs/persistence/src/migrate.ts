// Runs one service's migrations: used by `npm start`, the container entrypoint and the test harness.
import { MikroORM } from '@mikro-orm/postgresql';
import type { Options } from '@mikro-orm/postgresql';

export async function migrate(options: Options): Promise<string[]> {
  const orm = await MikroORM.init({ ...options, allowGlobalContext: true });
  try {
    const applied = await orm.getMigrator().up();
    return applied.map((migration) => migration.name);
  } finally {
    await orm.close(true);
  }
}
