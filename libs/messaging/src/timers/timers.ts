// Setting and stopping timers inside the caller's transaction: a timer exists only if the state change that
// set it commits, and stopping is part of the change that makes it pointless.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { recipientsOf, type MessageDefinition, type PayloadOf } from '@cocomo/contracts';
import { Timer } from './timer.entity';

@Injectable()
export class Timers {
  set<M extends MessageDefinition>(
    em: EntityManager,
    definition: M,
    payload: PayloadOf<M>,
    timer: { id: string; subject: string; dueAt: Date },
  ): void {
    if (timer.id.includes(':')) throw new Error(`Timer id "${timer.id}" must not contain ':'`);
    recipientsOf(definition.name); // only messages from the catalogue
    em.persist(em.create(Timer, { ...timer, name: definition.name, payload }));
  }

  /** Stops every pending timer of the subject; a stopped timer that still fires does nothing. */
  async stopFor(em: EntityManager, subject: string): Promise<number> {
    const schema = em.config.get('schema');
    const stopped = await em.execute(
      `update "${schema}"."timer" set "stopped_at" = now()
       where "subject" = ? and "fired_at" is null and "stopped_at" is null returning "id"`,
      [subject],
    );
    return stopped.length;
  }
}
