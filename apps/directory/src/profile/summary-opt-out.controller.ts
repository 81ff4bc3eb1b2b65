// The page behind the yearly summary's opt-out link: GET shows the space and one button; only the button's POST
// stops the summaries (kept with the space). The link is not used up: a second press says it is done already.
import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { linkActor } from '@cocomo/platform';
import { ActionLinks, sendUnusableLink } from '@cocomo/links';
import { PageRenderer, sendPage } from '@cocomo/web';
import { answerMailLanguage, mailLanguageOf } from '../mail-language/mail-language';
import { ManageService } from '../manage/manage.service';
import { HostSummaries, SUMMARY_OPT_OUT_PATH } from './host-summaries.service';

@ApiExcludeController()
@Controller(SUMMARY_OPT_OUT_PATH.slice(1))
export class SummaryOptOutController {
  constructor(
    private readonly links: ActionLinks,
    private readonly summaries: HostSummaries,
    private readonly pages: PageRenderer,
    private readonly manage: ManageService,
  ) {}

  @Get(':token')
  async show(
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    // The token is in the address: the page's own links and resources must not pass it on.
    response.setHeader('referrer-policy', 'no-referrer');
    const link = await this.links.inspect(token);
    if (link.state !== 'usable') return sendUnusableLink(response, this.pages, link.state);
    const space = await this.summaries.spaceOf(link.claims);
    if (typeof space === 'string') return sendUnusableLink(response, this.pages, space);
    sendPage(
      response,
      200,
      this.pages.render('actions/summary-opt-out', {
        space: { name: space.name },
        already: space.summaryOptOutAt !== null,
        formAction: `${SUMMARY_OPT_OUT_PATH}/${token}`,
        ...mailLanguageOf(request, space.hostLocale, `${SUMMARY_OPT_OUT_PATH}/${token}/language`),
      }),
    );
  }

  /** The host chooses the language of their mails; the link stays as it was (it may be pressed again). */
  @Post(':token/language')
  async chooseLanguage(
    @Param('token') token: string,
    @Body() body: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    response.setHeader('referrer-policy', 'no-referrer');
    const link = await this.links.inspect(token);
    if (link.state !== 'usable') return sendUnusableLink(response, this.pages, link.state);
    const space = await this.summaries.spaceOf(link.claims);
    if (typeof space === 'string') return sendUnusableLink(response, this.pages, space);
    const by = linkActor(request, 'host', link.claims.recipient);
    await answerMailLanguage(response, this.pages, body, `${SUMMARY_OPT_OUT_PATH}/${token}`, (locale) =>
      this.manage.setHostLocale(space.id, locale, link.claims.recipient, by),
    );
  }

  @Post(':token')
  async optOut(
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    // The token is in the address: the page's own links and resources must not pass it on.
    response.setHeader('referrer-policy', 'no-referrer');
    const link = await this.links.inspect(token);
    if (link.state !== 'usable') return sendUnusableLink(response, this.pages, link.state);
    const space = await this.summaries.spaceOf(link.claims);
    if (typeof space === 'string') return sendUnusableLink(response, this.pages, space);
    const stopped = await this.summaries.optOut(
      link.claims,
      linkActor(request, 'host', link.claims.recipient),
    );
    sendPage(
      response,
      200,
      this.pages.render('actions/summary-opt-out', { done: true, stopped, space: { name: space.name } }),
    );
  }
}
