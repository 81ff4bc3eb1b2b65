// The probes. GET /health/live: the process answers, whatever its dependencies do (a restart would mend nothing
// else). GET /health/ready: PostgreSQL and Redis answer and the schema holds the code's latest migration, 503
// otherwise; GET /health is the same, for the tools that call it so.
import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  MikroOrmHealthIndicator,
} from '@nestjs/terminus';
import { NotRateLimited } from '../public-request-limits';
import { MigratedSchema } from './migrated-schema';
import { RedisHealthIndicator } from './redis.health';

@ApiExcludeController()
@NotRateLimited()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: MikroOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly schema: MigratedSchema,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get(['ready', ''])
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 1500 }),
      () => this.redis.isHealthy('redis'),
      () => this.migrations(),
    ]);
  }

  private async migrations() {
    const indicator = this.indicators.check('schema');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), 1500);
    });
    try {
      if (await Promise.race([this.schema.check(), late])) {
        return indicator.up({ migration: this.schema.latest });
      }
      return indicator.down({ missing: this.schema.latest, message: this.schema.explanation() });
    } catch (error) {
      return indicator.down({ message: `cannot be checked: ${(error as Error).message}` });
    } finally {
      clearTimeout(timer);
    }
  }
}
