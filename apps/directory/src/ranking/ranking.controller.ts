// Answers the bookings service's question "which spaces should we ask?" over the queue (request/reply).
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { rankCandidates, type Envelope, type RankCandidates, type RankedCandidates } from '@cocomo/contracts';
import { RankingService } from './ranking.service';

@Controller()
export class RankingController {
  constructor(private readonly ranking: RankingService) {}

  @MessagePattern(rankCandidates.name)
  async rank(@Payload() message: Envelope<RankCandidates>): Promise<RankedCandidates> {
    return this.ranking.rank(message.payload);
  }
}
