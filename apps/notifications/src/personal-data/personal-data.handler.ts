// person.erased in the notifications service: the mails sent to the person, and every other value of its tables
// that holds their email, get the placeholder (in the idempotent inbox, once).
import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { personalDataErased, type Envelope, type PersonalDataErased } from '@cocomo/contracts';
import { PersonalData } from './personal-data.service';

@Controller()
export class NotificationsPersonalDataHandler {
  private readonly logger = new Logger(NotificationsPersonalDataHandler.name);

  constructor(private readonly personalData: PersonalData) {}

  @EventPattern(personalDataErased.name)
  async erase(@Payload() message: Envelope<PersonalDataErased>): Promise<void> {
    const changed = await this.personalData.erase(message.payload);
    this.logger.log(`Erasure ${message.payload.erasureId}: ${JSON.stringify(changed)}`);
  }
}
