// GET /api/spaces/:id/badge.svg (?lang=: its words' language, English else): the image a host embeds on their own site, "Hosted 12 FOSS events on CoCoMo",
// from the events the space's profile lists. Cacheable: an ETag of its bytes, so a page that shows it often
// asks cheaply (304), and a short public max-age. Approved spaces only; the space's name is escaped by the view.
import { createHash } from 'node:crypto';
import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DEFAULT_LOCALE, supportedLocale, translate } from '@cocomo/i18n';
import { ApiProblems, ApiTextAnswer, NotFound } from '@cocomo/platform';
import { PageRenderer } from '@cocomo/web';
import { SpacesService } from '../spaces/spaces.service';
import { HostedEventsService } from './hosted-events.service';

const uuid = new ParseUUIDPipe({ version: '4' });
/** Roughly how wide a character of the badge's 11 px font is, to size its halves. */
const CHARACTER_PX = 6.8;
const BADGE_MAX_AGE_S = 3600;

/** The badge's words (the catalogue's, in `lang`) and geometry for a count of events. */
export function badgeFacts(events: number, lang: string = DEFAULT_LOCALE) {
  const left = translate(lang, 'directory:badge.left');
  const right = translate(lang, 'directory:badge.right', { count: events });
  const split = Math.ceil(left.length * CHARACTER_PX) + 12;
  const rest = Math.ceil(right.length * CHARACTER_PX) + 12;
  return {
    label: translate(lang, 'directory:badge.label', { count: events }),
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
  async badge(
    @Param('id', uuid) id: string,
    @Query('lang') lang: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const space = await this.spaces.find(id);
    if (space.status !== 'approved') throw new NotFound('Space', id);
    const { events } = await this.hosted.of(space.id);
    // English unless the embedding page asks for another language (badge.svg?lang=es): one image per address.
    const locale = (typeof lang === 'string' && supportedLocale(lang)) || DEFAULT_LOCALE;
    const svg = this.pages.render('badge', badgeFacts(events, locale), locale);
    const etag = `"${createHash('sha256').update(svg).digest('base64url').slice(0, 27)}"`;
    response.setHeader('etag', etag);
    response.setHeader('cache-control', `public, max-age=${BADGE_MAX_AGE_S}`);
    if (request.headers['if-none-match'] === etag) return response.status(304).end();
    response.status(200).type('image/svg+xml').send(svg);
  }
}
