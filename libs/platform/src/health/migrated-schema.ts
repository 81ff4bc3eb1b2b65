// Whether the service's schema holds the code's latest migration. A service started before its migrations ran
// says so: one line in its log at start naming the missing migration, /health/ready answering 503 with it, and
// writes that meet a missing table or column refused with 503 and that explanation rather than a 500.
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { ServiceName } from '@cocomo/contracts';
import { carriesCode } from '../error-codes';

/** PostgreSQL's undefined_table and undefined_column: what a query meets in a schema behind the code. */
const SCHEMA_BEHIND_CODES = new Set(['42P01', '42703']);

export function isSchemaBehind(error: unknown): boolean {
  return carriesCode(error, SCHEMA_BEHIND_CODES);
}

export class MigratedSchema implements OnApplicationBootstrap {
  private readonly logger = new Logger('MigratedSchema');
  /** The latest migration while the schema is known to lack it. */
  private lacking?: string;

  constructor(
    private readonly orm: MikroORM,
    private readonly service: ServiceName,
    /** The name of the service's last migration, as `main.js migrate` records it. */
    readonly latest: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      if (!(await this.check())) this.logger.error(this.explanation());
    } catch (error) {
      this.logger.warn(
        `Could not check the ${this.service} schema's migrations yet: ${(error as Error).message}`,
      );
    }
  }

  /** The migration the schema was last found to lack, if any. */
  get missing(): string | undefined {
    return this.lacking;
  }

  /** What an operator reads, in the log and in /health/ready, while the schema lacks the latest migration. */
  explanation(): string {
    return (
      `The ${this.service} schema is not migrated to this version of the code: migration ${this.latest} has not ` +
      `been applied. Run "node dist/apps/${this.service}/src/main.js migrate" (npm run migrate, or the migrate ` +
      'Job); until then /health/ready answers 503 and writes are refused.'
    );
  }

  /** True when the latest migration is applied; throws when the database cannot be asked. */
  async check(): Promise<boolean> {
    const schema = this.orm.config.get('schema');
    let applied: boolean;
    try {
      const found: unknown[] = await this.orm.em
        .fork()
        .execute(`select 1 from "${schema}"."mikro_orm_migrations" where "name" = ?`, [this.latest]);
      applied = found.length > 0;
    } catch (error) {
      // No migrations table: the schema was never migrated.
      if (!isSchemaBehind(error)) throw error;
      applied = false;
    }
    if (applied && this.lacking)
      this.logger.log(`The ${this.service} schema now has migration ${this.latest}`);
    this.lacking = applied ? undefined : this.latest;
    return applied;
  }
}
