// The outbox's signals: how many committed messages wait to be published, and how long the oldest has waited. A
// backlog that grows, or an oldest message older than a few relay rounds, means the relay is not draining.
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Registry } from 'prom-client';
import { SampledGauges } from './sampled-gauges';

export function registerOutboxSignals(registry: Registry, orm: MikroORM): void {
  const schema = orm.config.get('schema');
  new SampledGauges(
    registry,
    {
      backlog: { name: 'cocomo_outbox_backlog', help: 'Committed messages of the outbox not yet published' },
      oldest: {
        name: 'cocomo_outbox_oldest_unpublished_seconds',
        help: 'How long the oldest unpublished message of the outbox has waited (0 when none waits)',
      },
    },
    async ({ backlog, oldest }) => {
      const [row]: { backlog: string; oldest: number | null }[] = await orm.em.fork().execute(
        `select count(*) as "backlog", extract(epoch from now() - min("occurred_at"))::float8 as "oldest"
         from "${schema}"."outbox_message" where "published_at" is null`,
      );
      backlog.set(Number(row.backlog));
      oldest.set(Math.max(0, row.oldest ?? 0));
    },
    'the outbox',
  );
}
