// A person's data in the directory: the copy of what it holds about an email (asked by the notifications
// service over the queue), and the erasure. An erasure asked for retires the person's spaces first, as their
// host would on the manage page (bookings hears space.retired and runs the fallback protocol), then replaces
// the person in every table of the directory's schema. It runs in the idempotent inbox: the retirements, their
// mails and events, and the replacement commit together, once.
import { Controller, Logger } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  directoryPersonalData,
  personalDataErased,
  type Envelope,
  type PersonalDataAsked,
  type PersonalDataErased,
  type PersonalDataHeld,
} from '@cocomo/contracts';
import { erasePersonIn, MESSAGING_TABLES, rowsMentioning } from '@cocomo/persistence';
import { ManageService } from '../manage/manage.service';

@Controller()
export class DirectoryPersonalDataHandler {
  private readonly logger = new Logger(DirectoryPersonalDataHandler.name);

  constructor(
    private readonly em: EntityManager,
    private readonly manage: ManageService,
  ) {}

  private get schema(): string {
    return this.em.config.get('schema') as string;
  }

  @MessagePattern(directoryPersonalData.name)
  async copy(@Payload() message: Envelope<PersonalDataAsked>): Promise<PersonalDataHeld> {
    const em = this.em.fork();
    return {
      service: 'directory',
      records: await rowsMentioning(em, this.schema, message.payload.email, MESSAGING_TABLES),
    };
  }

  @EventPattern(personalDataErased.name)
  async erase(@Payload() message: Envelope<PersonalDataErased>): Promise<void> {
    const { email, placeholder, why } = message.payload;
    // What bookings kept past its retention is no reason to touch a host's listing.
    if (why !== 'asked') return;
    const em = this.em;
    const retired = await this.manage.retireAllOf(em, email);
    // The retirements' history, mails and events are written before the person is replaced in them.
    await em.flush();
    const names: { name: string }[] = await em.execute(
      `select "host_name" as "name" from "${this.schema}"."space" where lower("host_email") = lower(?)
       union select "hand_over" ->> 'name' from "${this.schema}"."space" where lower("hand_over" ->> 'email') = lower(?)`,
      [email, email],
    );
    await em.execute(
      `update "${this.schema}"."space" set "host_name" = ? where lower("host_email") = lower(?)`,
      [placeholder.name, email],
    );
    const changed = await erasePersonIn(em, this.schema, {
      email,
      names: names.map(({ name }) => name).filter(Boolean),
      placeholder,
    });
    this.logger.log(
      `Erasure ${message.payload.erasureId}: ${retired} spaces retired, ${JSON.stringify(changed)}`,
    );
  }
}
