// A space's yearly summary came due (its timer, through the inbox, which acts on it once): the host of an active
// space gets the summary of their year by mail.
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { spaceSummaryDue, type Envelope, type SpaceSummaryDue } from '@cocomo/contracts';
import { SpaceRepository } from '../spaces/space.repository';
import { HostSummaries } from './host-summaries.service';

@Controller()
export class HostSummaryHandler {
  constructor(
    private readonly summaries: HostSummaries,
    private readonly spaces: SpaceRepository,
  ) {}

  @EventPattern(spaceSummaryDue.name)
  async due(@Payload() message: Envelope<SpaceSummaryDue>): Promise<void> {
    const dueAt = new Date(message.occurredAt);
    await this.spaces.transaction((em) => this.summaries.send(em, message.payload.spaceId, dueAt));
  }
}
