// GET /api/operators/record: who did what, newest first, by person, space, booking, subject and period.
import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiProblems, InvalidInput, OperatorGuard } from '@cocomo/platform';
import { RecordPageDto, RecordQueryDto } from './record-answer.dto';
import { RecordBook } from './record-book';
import { periodProblem } from './record-query';

@ApiTags('operators')
@ApiBearerAuth()
@UseGuards(OperatorGuard)
@Controller('api/operators/record')
export class RecordApiController {
  constructor(private readonly book: RecordBook) {}

  @Get()
  @ApiAnswer(RecordPageDto)
  @ApiProblems(400, 401, 403)
  async find(@Query() query: RecordQueryDto) {
    const period = periodProblem(query);
    if (period) throw new InvalidInput([period]);
    return this.book.page(query);
  }
}
