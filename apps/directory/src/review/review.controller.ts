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
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Response } from 'express';
import { OperatorGuard, refusalStatusOf, sendHtml } from '@cocomo/platform';
import { Space } from '../spaces/space.entity';
import { rejectSpaceSchema } from '../spaces/space.dto';
import { SpacesService } from '../spaces/spaces.service';
import { reviewPage, type ReviewPageState } from './review-page';

const uuid = new ParseUUIDPipe({ version: '4' });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** The most spaces the page lists at once; the oldest come first. */
const LISTED = 100;

@ApiExcludeController()
@UseGuards(OperatorGuard)
@Controller('review')
export class ReviewController {
  constructor(
    private readonly spaces: SpacesService,
    private readonly em: EntityManager,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async page(@Query('approved') approved?: string, @Query('rejected') rejected?: string): Promise<string> {
    return this.render({ notice: await this.noticeOf(approved, rejected) });
  }

  @Post(':id/approve')
  async approve(@Param('id', uuid) id: string, @Res() response: Response): Promise<void> {
    try {
      await this.spaces.approve(id);
    } catch (error) {
      return this.refuse(response, error);
    }
    response.redirect(303, `/review?approved=${id}`);
  }

  @Post(':id/reject')
  async reject(
    @Param('id', uuid) id: string,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const reason = rejectSpaceSchema.safeParse({ reason: body.reason ?? '' });
    if (!reason.success) {
      const problem = reason.error.issues[0]?.message ?? 'is not valid';
      const typed = typeof body.reason === 'string' ? body.reason : '';
      return sendHtml(
        response,
        400,
        await this.render({ refusedReason: { spaceId: id, reason: typed, problem } }),
      );
    }
    try {
      await this.spaces.reject(id, reason.data.reason);
    } catch (error) {
      return this.refuse(response, error);
    }
    response.redirect(303, `/review?rejected=${id}`);
  }

  private async render(state: Omit<ReviewPageState, 'waiting' | 'unverified'>): Promise<string> {
    const em = this.em.fork();
    const [waiting, unverified] = await Promise.all([
      em.find(
        Space,
        { status: 'pending_review' },
        { orderBy: { createdAt: 'asc', id: 'asc' }, limit: LISTED },
      ),
      em.count(Space, { status: 'unverified' }),
    ]);
    return reviewPage({ ...state, waiting, unverified });
  }

  /** What the redirect after an action says: the space by name, as it is now. */
  private async noticeOf(approved?: string, rejected?: string): Promise<ReviewPageState['notice']> {
    const id = approved ?? rejected;
    if (!id || !UUID.test(id)) return undefined;
    const space = await this.em.fork().findOne(Space, { id });
    if (!space) return undefined;
    if (approved && space.status === 'approved') {
      return {
        kind: 'done',
        text: `Approved “${space.name}”: it is on the map, and its host has been told.`,
      };
    }
    if (rejected && space.status === 'rejected') {
      return { kind: 'done', text: `Rejected “${space.name}”: its host has been told your reason.` };
    }
    return undefined;
  }

  /** A review the space's state does not allow (another operator was first, or it is gone), on the page. */
  private async refuse(response: Response, error: unknown): Promise<void> {
    const status = refusalStatusOf(error);
    if (status === undefined) throw error;
    const text = error instanceof Error ? error.message : String(error);
    sendHtml(response, status, await this.render({ notice: { kind: 'problem', text } }));
  }
}
