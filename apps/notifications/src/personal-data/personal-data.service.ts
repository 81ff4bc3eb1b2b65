// People's own data, asked for on the "my data" page: the mailed link, the copy gathered from every service,
// and the erasure, which this service publishes (person.erased) for every service, itself included, to carry out
// on its own tables. The copy asks each service over the queue (request/reply, REQUEST_TIMEOUT each); a service
// that does not answer makes the copy fail, rather than give a copy that leaves part out.
import { createHash, randomUUID } from 'node:crypto';
import { linkInLanguage, resolveLocale, translate } from '@cocomo/i18n';
import { Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  bookingsPersonalData,
  directoryPersonalData,
  erasurePlaceholder,
  isErasedAddress,
  metricsPersonalData,
  notifyEmail,
  personalDataErased,
  type PersonalDataErased,
  type PersonalDataHeld,
} from '@cocomo/contracts';
import { ActionLinks, type LinkClaims } from '@cocomo/links';
import { BullMqClient, Outbox } from '@cocomo/messaging';
import { erasePersonIn } from '@cocomo/persistence';
import { Batch } from '../delivery/batch';

export const PERSONAL_DATA = 'personal-data';
export const PERSONAL_DATA_PATH = '/my-data';

const SCHEMA = 'notifications';

/** A one-way digest of an address: what is kept of a person erased, to recognise a mail to them in flight. */
export const digestOf = (email: string) =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

export interface PersonalDataCopy {
  email: string;
  madeAt: string;
  services: PersonalDataHeld[];
}

@Injectable()
export class PersonalData {
  constructor(
    private readonly orm: MikroORM,
    private readonly em: EntityManager,
    private readonly links: ActionLinks,
    private readonly outbox: Outbox,
    private readonly client: BullMqClient,
  ) {}

  /**
   * Mails the link when CoCoMo has ever mailed the address (every host and organizer has had a mail); says
   * nothing of whether it has. The mail, and the page behind its link, are in the language the person asked in.
   */
  async sendLink(email: string, asked = 'en'): Promise<void> {
    const locale = resolveLocale(asked);
    const em = this.orm.em.fork();
    const known: unknown[] = await em.execute(
      `select 1 from "${SCHEMA}"."delivery" where lower("recipient") = lower(?) limit 1`,
      [email],
    );
    if (!known.length) return;
    const link = this.links.issue(PERSONAL_DATA_PATH, {
      subject: PERSONAL_DATA,
      action: PERSONAL_DATA,
      recipient: email,
    });
    await em.transactional(async (tx) => {
      this.outbox.add(tx, notifyEmail, {
        notificationId: `personal-data-${randomUUID()}`,
        template: 'personal-data-link',
        locale,
        to: { email },
        data: { expiresAt: link.expiresAt.toISOString() },
        actions: [
          { label: translate(locale, 'mails:actions.see-data'), url: linkInLanguage(link.url, locale) },
        ],
      });
    });
  }

  /** What every service holds about the email, read only. */
  async copyOf(email: string): Promise<PersonalDataCopy> {
    const asked = { email };
    const services = await Promise.all([
      this.client.ask(directoryPersonalData, asked),
      this.client.ask(bookingsPersonalData, asked),
      this.ownCopy(email),
      this.client.ask(metricsPersonalData, asked),
    ]);
    return { email, madeAt: new Date().toISOString(), services };
  }

  /** The mails sent to the person (their buttons left out: a copy does not act) and the operators' record. */
  private async ownCopy(email: string): Promise<PersonalDataHeld> {
    const em = this.orm.em.fork();
    const deliveries: unknown[] = await em.execute(
      `select "id", "template", "locale", "recipient", "recipient_name", "subject", "text", "status",
              "created_at", "sent_at"
         from "${SCHEMA}"."delivery" where lower("recipient") = lower(?) order by "created_at"`,
      [email],
    );
    return { service: 'notifications', records: { delivery: deliveries } };
  }

  /**
   * The button of the link: uses it up and publishes the erasure, in one transaction. False, changing
   * nothing, when the link was used already.
   */
  async requestErasure(claims: LinkClaims): Promise<boolean> {
    return this.orm.em.fork().transactional(async (em) => {
      if (!(await this.links.consume(em, claims))) return false;
      const erasureId = randomUUID();
      this.outbox.add(em, personalDataErased, {
        erasureId,
        email: claims.recipient,
        placeholder: erasurePlaceholder(erasureId),
        why: 'asked',
        at: new Date().toISOString(),
      });
      return true;
    });
  }

  /** This service's part of an erasure, in the inbox's transaction. */
  async erase(erasure: PersonalDataErased): Promise<Record<string, number>> {
    const { email, placeholder, why } = erasure;
    // Mails in flight to a person who asked are dropped (isErased); one whose bookings aged out may still host.
    if (why === 'asked')
      await this.em.execute(
        `insert into "${SCHEMA}"."erased_person" ("email_digest", "erased_at") values (?, now())
       on conflict do nothing`,
        [digestOf(email)],
      );
    const names: { name: string }[] = await this.em.execute(
      `select distinct "recipient_name" as "name" from "${SCHEMA}"."delivery"
        where lower("recipient") = lower(?) and "recipient_name" is not null`,
      [email],
    );
    await this.em.execute(
      `update "${SCHEMA}"."delivery" set "recipient_name" = ? where lower("recipient") = lower(?)`,
      [placeholder.name, email],
    );
    return erasePersonIn(this.em, SCHEMA, { email, names: names.map(({ name }) => name), placeholder });
  }

  /**
   * No mail goes to a placeholder, nor to a person erased within the hour (a mail still in flight when they
   * were). Later, a person who comes back (registers a space, asks for one) is mailed as anyone is.
   */
  async isErased(recipient: string): Promise<boolean> {
    if (isErasedAddress(recipient)) return true;
    return this.erasedLately.call(digestOf(recipient));
  }

  /** Asked of every mail before it is kept: under load, one statement answers for many. */
  private readonly erasedLately = new Batch<string, boolean>(async (digests) => {
    const found: { email_digest: string }[] = await this.orm.em.fork().execute(
      `select "email_digest" from "${SCHEMA}"."erased_person"
        where "email_digest" in (${digests.map(() => '?').join(', ')}) and "erased_at" > now() - interval '1 hour'`,
      digests,
    );
    const erased = new Set(found.map((row) => row.email_digest));
    return digests.map((digest) => erased.has(digest));
  });
}
