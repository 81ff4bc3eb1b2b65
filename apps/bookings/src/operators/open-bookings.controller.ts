// GET /bookings: the operators' page of bookings without a space; its forms POST /bookings/:id/assign and
// /bookings/:id/cancel, which act as the operator API does and then show the page again (303), saying what was
// done. Operators only; one limited to some countries sees and acts on those countries' bookings alone.
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
import { currentPageLocale, InvalidInput, OperatorGuard, operatorActor, problemIn } from '@cocomo/platform';
import { PageRenderer, refuseOnPage, sendPage } from '@cocomo/web';
import { BookingRepository } from '../bookings/booking.repository';
import { SEEKING_STATES } from '../machine/booking-vocabulary';
import { cancelBookingSchema, OperatorActions } from '../workflow/operator-actions';
import { BookingScope, countriesOf } from './booking-scope';
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
    private readonly bookings: BookingRepository,
    private readonly pages: PageRenderer,
    private readonly scope: BookingScope,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async page(
    @Req() request: Request,
    @Query('assigned') assigned?: string,
    @Query('cancelled') cancelled?: string,
  ): Promise<string> {
    return this.render(request, await this.doneOf(request, assigned, cancelled));
  }

  @Post(':id/assign')
  async assign(
    @Param('id', uuid) id: string,
    @Body() body: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const typed = typeof body.space === 'string' ? body.space : '';
    const spaceId = spaceIdIn(typed);
    if (!spaceId) {
      const problem = 'must be the id of a space, or the address of its profile (…/map/spaces/<id>)';
      return this.refuseField(request, response, { bookingId: id, field: 'space', value: typed, problem });
    }
    try {
      await this.scope.check(request, id);
      await this.actions.assign(id, spaceId, operatorActor(request), countriesOf(request));
    } catch (error) {
      if (error instanceof InvalidInput) {
        const problem = error.problems[0]?.problem ?? error.message;
        return this.refuseField(request, response, { bookingId: id, field: 'space', value: typed, problem });
      }
      return refuseOnPage(response, error, (refusal) => this.render(request, { refusal }));
    }
    response.redirect(303, `/bookings?assigned=${id}`);
  }

  @Post(':id/cancel')
  async cancel(
    @Param('id', uuid) id: string,
    @Body() body: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const typed = typeof body.reason === 'string' ? body.reason : '';
    const given = cancelBookingSchema.safeParse({ reason: typed });
    if (!given.success) {
      const problem = given.error.issues[0]?.message ?? 'is not valid';
      return this.refuseField(request, response, { bookingId: id, field: 'reason', value: typed, problem });
    }
    try {
      await this.scope.check(request, id);
      await this.actions.cancel(id, given.data.reason, operatorActor(request));
    } catch (error) {
      return refuseOnPage(response, error, (refusal) => this.render(request, { refusal }));
    }
    response.redirect(303, `/bookings?cancelled=${id}`);
  }

  /** The page, with the bookings of the countries the operator acts for. */
  private async render(
    request: Request,
    state: Omit<OpenBookingsState, 'unplaced' | 'waiting'> = {},
  ): Promise<string> {
    const countries = countriesOf(request);
    const [unplaced, waiting] = await Promise.all([
      this.bookings.listed(['unplaced'], LISTED, countries),
      this.bookings.listed(SEEKING_STATES, LISTED, countries),
    ]);
    return openBookingsPage(this.pages, { ...state, unplaced, waiting });
  }

  /** What the redirect after an action says: the booking by its title, as it is now. */
  private async doneOf(
    request: Request,
    assigned?: string,
    cancelled?: string,
  ): Promise<Pick<OpenBookingsState, 'assigned' | 'cancelled'>> {
    const id = assigned ?? cancelled;
    if (!id || spaceIdIn(id) !== id.toLowerCase()) return {};
    const countries = countriesOf(request);
    if (countries !== null && !(await this.bookings.isOfCountries(id, countries))) return {};
    const booking = await this.bookings.find(id);
    if (!booking) return {};
    if (assigned && booking.spaceId) {
      const space = booking.spaceSnapshots[booking.spaceId]?.name ?? booking.spaceId;
      return { assigned: { title: booking.title, space } };
    }
    if (cancelled && booking.state === 'cancelled') return { cancelled: { title: booking.title } };
    return {};
  }

  /**
   * A form whose field was refused, shown again with the problem beside the field, in the page's language,
   * and what was typed.
   */
  private async refuseField(
    request: Request,
    response: Response,
    refused: NonNullable<OpenBookingsState['refused']>,
  ): Promise<void> {
    const { problem } = problemIn(currentPageLocale() ?? 'en', refused);
    sendPage(response, 400, await this.render(request, { refused: { ...refused, problem } }));
  }
}
