// The private calendars over HTTP. GET /api/bookings/calendars/<token> is the page the mails link to (the
// address to subscribe to, a button to renew it); …/<token>.ics is the calendar itself (ETag, 304). Neither
// changes anything; a link renewed since answers 410. POST …/<token>/renew ends every earlier link and mails the
// new one to the owner's address, never to whoever pressed: a leaked link cannot keep itself.
import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { answerCalendar } from '@cocomo/calendar';
import { ApiAnswer, ApiProblems, DomainError, NotFound, ProblemAnswerDto, linkActor } from '@cocomo/platform';
import { PageRenderer } from '@cocomo/web';
import { CalendarFeeds } from './calendar-feeds.service';
import type { FeedOwner } from '@cocomo/links';

const renewedSchema = z.object({ renewed: z.literal(true), sentTo: z.string() });
class RenewedAnswerDto extends createZodDto(renewedSchema) {}

/** A renewed link: it worked once, and stops for good (410), unlike a link that never was one (404). */
class CalendarLinkRenewed extends DomainError {
  readonly status = 410;
  constructor() {
    super('This calendar link was renewed: the newer link in your mail replaces it');
  }
}

const TOKEN_FILE = /^([\w.~-]{10,2000}?)(\.ics)?$/;

@ApiTags('bookings')
@Controller('api/bookings/calendars')
export class CalendarFeedsController {
  constructor(
    private readonly feeds: CalendarFeeds,
    private readonly pages: PageRenderer,
  ) {}

  @Get(':file')
  @ApiResponse({
    status: 200,
    description: 'The calendar (…/<token>.ics), or the page that gives its address (…/<token>)',
    content: { 'text/calendar': { schema: { type: 'string' } }, 'text/html': { schema: { type: 'string' } } },
  })
  @ApiProblems(404)
  @ApiResponse({
    status: 410,
    description: 'The link was renewed since: the newer one replaces it',
    type: ProblemAnswerDto,
  })
  async calendar(@Param('file') file: string, @Req() request: Request, @Res() response: Response) {
    const owner = await this.ownerOf(file);
    const [, token, ics] = TOKEN_FILE.exec(file)!;
    if (!ics) {
      const feedUrl = this.feeds.feedUrl(token);
      response.setHeader('Cache-Control', 'no-store');
      response.type('html').send(
        this.pages.render('calendar-link', {
          owner: owner.kind,
          feedUrl,
          webcalUrl: feedUrl.replace(/^https?:/, 'webcal:'),
          renewAction: `${token}/renew`,
        }),
      );
      return;
    }
    const text = await this.feeds.calendar(owner);
    // Private: shared caches keep nothing; the person's own calendar may revalidate with the ETag.
    answerCalendar(request, response, text, 'private, no-cache', 'calendar.ics');
  }

  @Post(':file/renew')
  @HttpCode(202)
  @ApiAnswer(RenewedAnswerDto, 202, "Renewed: the new link was mailed to the calendar's owner")
  @ApiProblems(404)
  async renew(
    @Param('file') file: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const owner = await this.ownerOf(file);
    await this.feeds.renewAndMail(owner, linkActor(request, owner.kind, owner.email));
    if (request.accepts(['json', 'html']) === 'html') {
      response.type('html').setHeader('Cache-Control', 'no-store');
      return this.pages.render('calendar-link', { renewed: true });
    }
    const answer: z.input<typeof renewedSchema> = {
      renewed: true,
      sentTo: 'the address this calendar belongs to',
    };
    return answer;
  }

  private async ownerOf(file: string): Promise<FeedOwner> {
    const token = TOKEN_FILE.exec(file)?.[1];
    const opened = token ? await this.feeds.open(token) : { state: 'invalid' as const };
    if (opened.state === 'renewed') throw new CalendarLinkRenewed();
    if (opened.state === 'invalid') throw new NotFound('Calendar', 'of this link');
    return opened.owner;
  }
}
