// `main.js rebuild` (npm run metrics:rebuild): folds every record again from the event log, in one transaction,
// so the metrics never show a half-rebuilt state.
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { ServiceCommand } from '@cocomo/platform';
import { Projector } from '../records/projector.service';

export const rebuildProjections: ServiceCommand = async (context) => {
  const orm = context.get(MikroORM);
  const projector = context.get(Projector);
  const started = performance.now();
  const counts = await orm.em.fork().transactional((em) => projector.rebuild(em as EntityManager));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `metrics: rebuilt ${counts.bookings} booking and ${counts.spaces} space records from the event log in ${seconds}s\n`,
  );
};
