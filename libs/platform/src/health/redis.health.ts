// Whether the service can reach Redis, for /health.
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Cluster, Redis } from 'ioredis';
import { ENVIRONMENT } from '../environment.token';
import { Inject } from '@nestjs/common';
import type { Environment } from '@cocomo/config';
import { connectRedis } from '@cocomo/messaging';

@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly redis: Redis | Cluster;

  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(ENVIRONMENT) env: Environment,
  ) {
    this.redis = connectRedis(env.REDIS_URL, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
      connectTimeout: 1500,
    });
    this.redis.on('error', () => undefined); // reported through /health, not as an unhandled event
  }

  async isHealthy(key: string) {
    const indicator = this.indicators.check(key);
    try {
      await Promise.race([
        this.redis.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 1500)),
      ]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
