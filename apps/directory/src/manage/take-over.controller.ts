// The page behind the link a host's colleague receives when the space is handed to them: GET shows the space
// and one button; only the button's POST makes them its host (the link acts once).
import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ActionLinks, sendUnusableLink } from '@cocomo/links';
import { Conflict, linkActor } from '@cocomo/platform';
import { PageRenderer, sendPage } from '@cocomo/web';
import { answerMailLanguage, mailLanguageOf } from '../mail-language/mail-language';
import { spaceView } from '../spaces/space-view';
import { ManageService, TAKE_OVER_PATH } from './manage.service';

@ApiExcludeController()
@Controller(TAKE_OVER_PATH.slice(1))
export class TakeOverController {
  constructor(
    private readonly links: ActionLinks,
    private readonly manage: ManageService,
    private readonly pages: PageRenderer,
  ) {}

  @Get(':token')
  async show(
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const link = await this.links.inspect(token);
    if (link.state !== 'usable') return sendUnusableLink(response, this.pages, link.state);
    const space = await this.manage.handOverOf(link.claims);
    if (typeof space === 'string') return sendUnusableLink(response, this.pages, space);
    sendPage(
      response,
      200,
      this.pages.render('actions/take-over', {
        space: spaceView(space, 'operator'),
        newHost: space.handOver,
        formAction: `${TAKE_OVER_PATH}/${token}`,
        // The colleague's mails: in the language they chose here, else the space's until they choose.
        ...mailLanguageOf(
          request,
          space.handOver?.locale ?? space.hostLocale,
          `${TAKE_OVER_PATH}/${token}/language`,
        ),
      }),
    );
  }

  /** The colleague chooses the language of their mails, the space's once they take it over; the link still acts. */
  @Post(':token/language')
  async chooseLanguage(
    @Param('token') token: string,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const link = await this.links.inspect(token);
    if (link.state !== 'usable') return sendUnusableLink(response, this.pages, link.state);
    const space = await this.manage.handOverOf(link.claims);
    if (typeof space === 'string') return sendUnusableLink(response, this.pages, space);
    await answerMailLanguage(response, this.pages, body, `${TAKE_OVER_PATH}/${token}`, (locale) =>
      this.manage.chooseTakeOverLocale(link.claims, locale),
    );
  }

  @Post(':token')
  async takeOver(
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const link = await this.links.inspect(token);
    if (link.state !== 'usable') return sendUnusableLink(response, this.pages, link.state);
    const space = await this.manage.handOverOf(link.claims);
    if (typeof space === 'string') return sendUnusableLink(response, this.pages, space);
    try {
      const taken = await this.manage.takeOver(
        link.claims,
        linkActor(request, 'host', link.claims.recipient),
      );
      if (!taken) return sendUnusableLink(response, this.pages, 'used');
      sendPage(
        response,
        200,
        this.pages.render('actions/take-over', { done: true, space: { name: taken.name } }),
      );
    } catch (error) {
      if (error instanceof Conflict) return sendUnusableLink(response, this.pages, 'overtaken');
      throw error;
    }
  }
}
