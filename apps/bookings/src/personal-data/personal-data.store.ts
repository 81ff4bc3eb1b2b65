// Every statement of the bookings service on a person's data: their copy, what an erasure replaces, and the
// bookings whose organizer outlived PERSONAL_DATA_RETENTION.
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ERASED_DOMAIN, isErasedAddress, type ErasurePlaceholder } from '@cocomo/contracts';
import { erasePersonIn } from '@cocomo/persistence';
import { FINAL_STATES, OPEN_STATES } from '../machine/booking-vocabulary';

const SCHEMA = 'bookings';
/** The states of a booking whose time is past that nothing will change any more (an unplaced one found no space). */
const ENDED = [...FINAL_STATES, 'unplaced'] as const;

@Injectable()
export class PersonalDataStore {
  constructor(private readonly em: EntityManager) {}

  /** The person's bookings as organizer, with their steps, their calendar renewals, and as host what was asked. */
  async copyOf(email: string): Promise<Record<string, unknown[]>> {
    const em = this.em.fork();
    const bookings: unknown[] = await em.execute(
      `select "id", "state", "organizer_name", "organizer_email", "title", "description", "starts_at",
              "ends_at", "needs", "space_id", "series_id", "created_at"
         from "${SCHEMA}"."booking" where lower("organizer_email") = lower(?) order by "starts_at"`,
      [email],
    );
    const steps: unknown[] = await em.execute(
      `select t."booking_id", t."at", t."from_state", t."to_state", t."cause"
         from "${SCHEMA}"."booking_transition" t join "${SCHEMA}"."booking" b on b."id" = t."booking_id"
        where lower(b."organizer_email") = lower(?) order by t."booking_id", t."version"`,
      [email],
    );
    const calendars: unknown[] = await em.execute(
      `select "subject", "recipient", "renewed_at" from "${SCHEMA}"."calendar_renewal" where lower("recipient") = lower(?)`,
      [email],
    );
    // As a host: the bookings their spaces hold or are asked for, as far as a host sees them (no organizer's
    // address); a space only ranked among the candidates was never theirs to see.
    const asked: unknown[] = await em.execute(
      `select b."id", b."state", b."title", b."starts_at", b."ends_at", s.key as "space_id"
         from "${SCHEMA}"."booking" b, jsonb_each(b."space_snapshots") s
        where lower(s.value -> 'host' ->> 'email') = lower(?)
          and (b."space_id"::text = s.key or b."asked" @> jsonb_build_array(jsonb_build_object('spaceId', s.key)))
        order by b."starts_at"`,
      [email],
    );
    return {
      booking: bookings,
      booking_transition: steps,
      calendar_renewal: calendars,
      booking_asked_of_their_space: asked,
    };
  }

  /** The person's bookings that are still open: an erasure cancels them, as the organizer would. */
  async openOf(email: string): Promise<string[]> {
    const rows: { id: string }[] = await this.em.execute(
      `select "id" from "${SCHEMA}"."booking"
        where lower("organizer_email") = lower(?) and "state" in (${OPEN_STATES.map(() => '?').join(', ')})
        order by "starts_at"`,
      [email, ...OPEN_STATES],
    );
    return rows.map(({ id }) => id);
  }

  /** Replaces the person everywhere in the schema, in the caller's transaction (the inbox's). */
  async erase(em: EntityManager, email: string, placeholder: ErasurePlaceholder) {
    const names: { name: string | null }[] = await em.execute(
      `select "organizer_name" as "name" from "${SCHEMA}"."booking" where lower("organizer_email") = lower(?)
       union select s.value -> 'host' ->> 'name' from "${SCHEMA}"."booking" b, jsonb_each(b."space_snapshots") s
        where lower(s.value -> 'host' ->> 'email') = lower(?)`,
      [email, email],
    );
    await em.execute(
      `update "${SCHEMA}"."booking" set "organizer_name" = ? where lower("organizer_email") = lower(?)`,
      [placeholder.name, email],
    );
    return erasePersonIn(em, SCHEMA, {
      email,
      names: names.map(({ name }) => name ?? '').filter(Boolean),
      placeholder,
    });
  }

  /**
   * Bookings that ended before `before`, closed (or never placed), whose organizer is still named: each gets the placeholder
   * of its own id. Returns the organizers' emails that no booking names any more (their last one went), unless
   * they host a space an open booking asked.
   */
  async expire(
    em: EntityManager,
    before: Date,
    placeholderOf: (bookingId: string) => ErasurePlaceholder,
  ): Promise<{ bookings: number; lastOf: string[] }> {
    const expired: { id: string; organizer_email: string }[] = await em.execute(
      `select "id", "organizer_email" from "${SCHEMA}"."booking"
        where "ends_at" < ? and "state" in (${ENDED.map(() => '?').join(', ')})
          and "organizer_email" not like ? order by "ends_at" limit 500 for update skip locked`,
      [before, ...ENDED, `%@${ERASED_DOMAIN}`],
    );
    for (const { id } of expired) {
      const placeholder = placeholderOf(id);
      await em.execute(
        `update "${SCHEMA}"."booking" set "organizer_name" = ?, "organizer_email" = ? where "id" = ?`,
        [placeholder.name, placeholder.email, id],
      );
    }
    const emails = [...new Set(expired.map(({ organizer_email }) => organizer_email.toLowerCase()))];
    const lastOf: string[] = [];
    for (const email of emails) {
      if (isErasedAddress(email)) continue;
      // Still an organizer, or the host of a space an open booking asked: not yet.
      const still: unknown[] = await em.execute(
        `select 1 from "${SCHEMA}"."booking" where lower("organizer_email") = ?
         union all
         select 1 from "${SCHEMA}"."booking" b, jsonb_each(b."space_snapshots") s
          where b."state" not in (${ENDED.map(() => '?').join(', ')}) and lower(s.value -> 'host' ->> 'email') = ?
         limit 1`,
        [email, ...ENDED, email],
      );
      if (!still.length) lastOf.push(email);
    }
    return { bookings: expired.length, lastOf };
  }
}
