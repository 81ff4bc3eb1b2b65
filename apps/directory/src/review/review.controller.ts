// GET /review: the operators' page of spaces waiting for review; its forms POST /review/:id/approve and
// /review/:id/reject, which act as the review API does and then show the page again (303), saying what was
// done. Operators only: a browser is asked for the token as the password of its login.
import {
  Body,
  Controller,
  Get,
  Header,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { OperatorGuard, operatorActor } from '@cocomo/platform';
import { PageRenderer, refuseOnPage, sendPage, type PageRefusal } from '@cocomo/web';
import { describeChange } from '../manage/listing-change';
import { rejectSpaceSchema } from '../spaces/space.dto';
import { spaceView } from '../spaces/space-view';
import { SpaceRepository } from '../spaces/space.repository';
import { SpaceScope } from '../spaces/space-scope';
import { SpacesService } from '../spaces/spaces.service';

const uuid = new ParseUUIDPipe({ version: '4' });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** The most spaces the page lists at once; the oldest come first. */
const LISTED = 100;

interface ReviewPageState {
  /** The name of the space just approved, or rejected. */
  approved?: string;
  rejected?: string;
  /** Why the last action could not be done. */
  refusal?: PageRefusal;
  /** A reason that was refused, shown again beside its form. */
  refused?: { spaceId: string; reason: string; problem: string };
  /** A host's change was just approved or rejected. */
  changeDecided?: 'approved' | 'rejected';
}

@ApiExcludeController()
@UseGuards(OperatorGuard)
@Controller('review')
export class ReviewController {
  constructor(
    private readonly spaces: SpacesService,
    private readonly repository: SpaceRepository,
    private readonly pages: PageRenderer,
    private readonly scope: SpaceScope,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async page(
    @Req() request: Request,
    @Query('approved') approved?: string,
    @Query('rejected') rejected?: string,
    @Query('changeApproved') changeApproved?: string,
    @Query('changeRejected') changeRejected?: string,
  ): Promise<string> {
    return this.render(request, {
      ...(await this.doneOf(approved, rejected)),
      changeDecided: changeApproved ? 'approved' : changeRejected ? 'rejected' : undefined,
    });
  }

  @Post(':id/approve')
  async approve(
    @Param('id', uuid) id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    try {
      await this.scope.check(request, id);
      await this.spaces.approve(id, { by: operatorActor(request) });
    } catch (error) {
      return refuseOnPage(response, error, (refusal) => this.render(request, { refusal }));
    }
    response.redirect(303, `/review?approved=${id}`);
  }

  @Post(':id/reject')
  async reject(
    @Param('id', uuid) id: string,
    @Body() body: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const reason = rejectSpaceSchema.safeParse({ reason: body.reason ?? '' });
    if (!reason.success) {
      const problem = reason.error.issues[0]?.message ?? 'is not valid';
      const typed = typeof body.reason === 'string' ? body.reason : '';
      const refused = { spaceId: id, reason: typed, problem };
      return sendPage(response, 400, await this.render(request, { refused }));
    }
    try {
      await this.scope.check(request, id);
      await this.spaces.reject(id, reason.data.reason, operatorActor(request));
    } catch (error) {
      return refuseOnPage(response, error, (refusal) => this.render(request, { refusal }));
    }
    response.redirect(303, `/review?rejected=${id}`);
  }

  private async render(request: Request, state: ReviewPageState): Promise<string> {
    const [waiting, unverified, changed] = await Promise.all([
      this.repository.oldestIn('pending_review', LISTED),
      this.repository.count('unverified'),
      this.repository.withPendingChange(LISTED),
    ]);
    return this.pages.render('review', {
      ...state,
      unverified,
      changes: this.scope.within(request, changed).map((space) => ({
        id: space.id,
        name: space.name,
        by: space.pendingChangeBy,
        at: space.pendingChangeAt?.toISOString(),
        facts: describeChange(space.pendingChange!, space).map(({ field, value }) => ({
          label: field,
          value,
        })),
      })),
      waiting: this.scope.within(request, waiting).map((space) => ({
        ...spaceView(space, 'operator'),
        openStreetMap: `https://www.openstreetmap.org/?mlat=${space.latitude}&mlon=${space.longitude}#map=17/${space.latitude}/${space.longitude}`,
        refused: state.refused?.spaceId === space.id ? state.refused : undefined,
      })),
    });
  }

  /** What the redirect after an action says: the space by name, as it is now. */
  private async doneOf(approved?: string, rejected?: string): Promise<ReviewPageState> {
    const id = approved ?? rejected;
    if (!id || !UUID.test(id)) return {};
    const space = await this.repository.byId(id);
    if (approved && space?.status === 'approved') return { approved: space.name };
    if (rejected && space?.status === 'rejected') return { rejected: space.name };
    return {};
  }
}
