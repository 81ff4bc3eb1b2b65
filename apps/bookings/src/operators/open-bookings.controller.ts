// GET /bookings: the operators' page of bookings without a space; its forms POST /bookings/:id/assign and
// /bookings/:id/cancel, which act as the operator API does and then show the page again (303), saying what was
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
import { InvalidInput, OperatorGuard, refusalStatusOf, sendHtml } from '@cocomo/platform';
import { Booking } from '../bookings/booking.entity';
import { cancelBookingSchema, OperatorActions } from './operator-actions';
import { openBookingsPage, type OpenBookingsState } from './open-bookings-page';

const uuid = new ParseUUIDPipe({ version: '4' });
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/i;
/** The most bookings each list shows; the soonest events come first. */
const LISTED = 100;

/** The space an operator named: its id, or any address with it (its profile, its popup link). */
export function spaceIdIn(text: string): string | undefined {
  const found = UUID.exec(text.trim());
  return found?.[0].toLowerCase();
}

@ApiExcludeController()
@UseGuards(OperatorGuard)
@Controller('bookings')
export class OpenBookingsController {
  constructor(
    private readonly actions: OperatorActions,
    private readonly em: EntityManager,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async page(@Query('assigned') assigned?: string, @Query('cancelled') cancelled?: string): Promise<string> {
    return this.render({ notice: await this.noticeOf(assigned, cancelled) });
  }

  @Post(':id/assign')
  async assign(
    @Param('id', uuid) id: string,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const typed = typeof body.space === 'string' ? body.space : '';
    const spaceId = spaceIdIn(typed);
    if (!spaceId) {
      const problem = 'must be the id of a space, or the address of its profile (…/map/spaces/<id>)';
      return this.refuseField(response, { bookingId: id, field: 'space', value: typed, problem });
    }
    try {
      await this.actions.assign(id, spaceId);
    } catch (error) {
      if (error instanceof InvalidInput) {
        const problem = error.problems[0]?.problem ?? error.message;
        return this.refuseField(response, { bookingId: id, field: 'space', value: typed, problem });
      }
      return this.refuse(response, error);
    }
    response.redirect(303, `/bookings?assigned=${id}`);
  }

  @Post(':id/cancel')
  async cancel(
    @Param('id', uuid) id: string,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const typed = typeof body.reason === 'string' ? body.reason : '';
    const given = cancelBookingSchema.safeParse({ reason: typed });
    if (!given.success) {
      const problem = given.error.issues[0]?.message ?? 'is not valid';
      return this.refuseField(response, { bookingId: id, field: 'reason', value: typed, problem });
    }
    try {
      await this.actions.cancel(id, given.data.reason);
    } catch (error) {
      return this.refuse(response, error);
    }
    response.redirect(303, `/bookings?cancelled=${id}`);
  }

  private async render(state: Omit<OpenBookingsState, 'unplaced' | 'waiting'>): Promise<string> {
    const em = this.em.fork();
    const listed = { orderBy: { start: 'asc', id: 'asc' }, limit: LISTED } as const;
    const [unplaced, waiting] = await Promise.all([
      em.find(Booking, { state: 'unplaced' }, listed),
      em.find(Booking, { state: { $in: ['requested', 'pending_host', 'seeking_fallback'] } }, listed),
    ]);
    return openBookingsPage({ ...state, unplaced, waiting });
  }

  /** What the redirect after an action says: the booking by its title, as it is now. */
  private async noticeOf(assigned?: string, cancelled?: string): Promise<OpenBookingsState['notice']> {
    const id = assigned ?? cancelled;
    if (!id || spaceIdIn(id) !== id.toLowerCase()) return undefined;
    const booking = await this.em.fork().findOne(Booking, { id });
    if (!booking) return undefined;
    if (assigned && booking.spaceId) {
      const space = booking.spaceSnapshots[booking.spaceId]?.name ?? booking.spaceId;
      return {
        kind: 'done',
        text: `“${booking.title}” now has ${space}: the organizer and the host have been told.`,
      };
    }
    if (cancelled && booking.state === 'cancelled') {
      return {
        kind: 'done',
        text: `“${booking.title}” is cancelled: the organizer has been told your reason.`,
      };
    }
    return undefined;
  }

  /** A form whose field was refused, shown again with the problem beside the field and what was typed. */
  private async refuseField(
    response: Response,
    refused: NonNullable<OpenBookingsState['refused']>,
  ): Promise<void> {
    sendHtml(response, 400, await this.render({ refused }));
  }

  /** An action the booking's state does not allow (it moved on), or a silent directory, on the page. */
  private async refuse(response: Response, error: unknown): Promise<void> {
    const status = refusalStatusOf(error);
    if (status === undefined) throw error;
    const text = error instanceof Error ? error.message : String(error);
    sendHtml(response, status, await this.render({ notice: { kind: 'problem', text } }));
  }
}
