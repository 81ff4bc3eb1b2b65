// GET /api/spaces/:id/badge.svg: the image a host embeds on their own site, "Hosted 12 FOSS events on CoCoMo",
// from the events the space's profile lists. Cacheable: an ETag of its bytes, so a page that shows it often
// asks cheaply (304), and a short public max-age. Approved spaces only; the space's name is escaped by the view.
import { createHash } from 'node:crypto';
import { Controller, Get, Param, ParseUUIDPipe, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiProblems, ApiTextAnswer, NotFound } from '@cocomo/platform';
import { PageRenderer } from '@cocomo/web';
import { SpacesService } from '../spaces/spaces.service';
import { HostedEventsService } from './hosted-events.service';

const uuid = new ParseUUIDPipe({ version: '4' });
/** Roughly how wide a character of the badge's 11 px font is, to size its halves. */
const CHARACTER_PX = 6.8;
const BADGE_MAX_AGE_S = 3600;

/** The badge's words and geometry for a count of events. */
export function badgeFacts(events: number) {
  const left = 'Hosted on CoCoMo';
  const right = `${events} FOSS ${events === 1 ? 'event' : 'events'}`;
  const split = Math.ceil(left.length * CHARACTER_PX) + 12;
  const rest = Math.ceil(right.length * CHARACTER_PX) + 12;
  return {
    label: `Hosted ${right} on CoCoMo`,
    left,
    right,
    split,
    rest,
    rightX: split + 6,
    width: split + rest,
  };
}

@ApiTags('spaces')
@Controller('api/spaces')
export class BadgeController {
  constructor(
    private readonly spaces: SpacesService,
    private readonly hosted: HostedEventsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get(':id/badge.svg')
  @ApiTextAnswer('image/svg+xml', 'The badge (SVG); 304 to its ETag')
  @ApiProblems(400, 404)
  async badge(@Param('id', uuid) id: string, @Req() request: Request, @Res() response: Response) {
    const space = await this.spaces.find(id);
    if (space.status !== 'approved') throw new NotFound('Space', id);
    const { events } = await this.hosted.of(space.id);
    const svg = this.pages.render('badge', badgeFacts(events));
    const etag = `"${createHash('sha256').update(svg).digest('base64url').slice(0, 27)}"`;
    response.setHeader('etag', etag);
    response.setHeader('cache-control', `public, max-age=${BADGE_MAX_AGE_S}`);
    if (request.headers['if-none-match'] === etag) return response.status(304).end();
    response.status(200).type('image/svg+xml').send(svg);
  }
}
