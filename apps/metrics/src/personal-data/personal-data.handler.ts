// A person's data in the metrics service: the events of the log that name them (their spaces' registration and
// rejection carry the host), as a copy for the notifications service, and their erasure: the placeholder in
// the log's payloads and in every other value of the schema. Counts stay, as every row stays.
import { Controller, Logger } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  metricsPersonalData,
  personalDataErased,
  type Envelope,
  type PersonalDataAsked,
  type PersonalDataErased,
  type PersonalDataHeld,
} from '@cocomo/contracts';
import { erasePersonIn, MESSAGING_TABLES, rowsMentioning } from '@cocomo/persistence';

const SCHEMA = 'metrics';

@Controller()
export class MetricsPersonalDataHandler {
  private readonly logger = new Logger(MetricsPersonalDataHandler.name);

  constructor(private readonly em: EntityManager) {}

  @MessagePattern(metricsPersonalData.name)
  async copy(@Payload() message: Envelope<PersonalDataAsked>): Promise<PersonalDataHeld> {
    return {
      service: 'metrics',
      records: await rowsMentioning(this.em.fork(), SCHEMA, message.payload.email, MESSAGING_TABLES),
    };
  }

  @EventPattern(personalDataErased.name)
  async erase(@Payload() message: Envelope<PersonalDataErased>): Promise<void> {
    const { email, placeholder, erasureId } = message.payload;
    const names: { name: string }[] = await this.em.execute(
      `select distinct "payload" -> 'host' ->> 'name' as "name" from "${SCHEMA}"."event_log"
        where lower("payload" -> 'host' ->> 'email') = lower(?)`,
      [email],
    );
    const changed = await erasePersonIn(this.em, SCHEMA, {
      email,
      names: names.map(({ name }) => name).filter(Boolean),
      placeholder,
    });
    this.logger.log(`Erasure ${erasureId}: ${JSON.stringify(changed)}`);
  }
}
