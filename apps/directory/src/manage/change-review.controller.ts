// Operators decide on a host's change to reviewed fields: the JSON API (POST /api/spaces/:id/change/approve and
// …/reject with a reason) and the review page's forms (POST /review/changes/:id/…, then the page again, 303).
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiAnswer, ApiProblems, OperatorGuard, operatorActor } from '@cocomo/platform';
import { OperatorSpaceDto, type OperatorSpace } from '../spaces/space-answer.dto';
import { RejectSpaceDto, rejectSpaceSchema } from '../spaces/space.dto';
import { spaceView } from '../spaces/space-view';
import { ManageService } from './manage.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('spaces')
@ApiBearerAuth()
@UseGuards(OperatorGuard)
@Controller()
export class ChangeReviewController {
  constructor(private readonly manage: ManageService) {}

  @Post('api/spaces/:id/change/approve')
  @HttpCode(200)
  @ApiAnswer(OperatorSpaceDto, 200, "Approved: the host's change is the listing now")
  @ApiProblems(400, 401, 403, 404, 409)
  async approve(@Param('id', uuid) id: string, @Req() request: Request): Promise<OperatorSpace> {
    return spaceView(await this.manage.approveChange(id, operatorActor(request)), 'operator');
  }

  @Post('api/spaces/:id/change/reject')
  @HttpCode(200)
  @ApiAnswer(OperatorSpaceDto, 200, 'Rejected: the listing keeps its approved values; the host is told why')
  @ApiProblems(400, 401, 403, 404, 409)
  async reject(
    @Param('id', uuid) id: string,
    @Body() body: RejectSpaceDto,
    @Req() request: Request,
  ): Promise<OperatorSpace> {
    return spaceView(await this.manage.rejectChange(id, body.reason, operatorActor(request)), 'operator');
  }

  @Post('review/changes/:id/approve')
  @ApiExcludeEndpoint()
  async approveOnPage(
    @Param('id', uuid) id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.manage.approveChange(id, operatorActor(request));
    response.redirect(303, `/review?changeApproved=${id}`);
  }

  @Post('review/changes/:id/reject')
  @ApiExcludeEndpoint()
  async rejectOnPage(
    @Param('id', uuid) id: string,
    @Body() body: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const reason = rejectSpaceSchema.safeParse({ reason: body.reason ?? '' });
    if (!reason.success) return response.redirect(303, `/review?changeRefused=${id}`);
    await this.manage.rejectChange(id, reason.data.reason, operatorActor(request));
    response.redirect(303, `/review?changeRejected=${id}`);
  }
}
