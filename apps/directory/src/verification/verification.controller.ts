// The page behind the link a new host receives: GET shows the space and one button; only the button's POST
// confirms the host's email and puts the space in the review queue.
import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ActionLinks, sendUnusableLink } from '@cocomo/links';
import { Conflict, linkActor } from '@cocomo/platform';
import { PageRenderer, sendPage } from '@cocomo/web';
import { ManageService } from '../manage/manage.service';
import { answerMailLanguage, mailLanguageOf } from '../mail-language/mail-language';
import type { Space } from '../spaces/space.entity';
import { SpaceRepository } from '../spaces/space.repository';
import { spaceView } from '../spaces/space-view';
import { SPACE_ACTIONS_PATH, SpacesService, VERIFY_SPACE } from '../spaces/spaces.service';

@ApiExcludeController()
@Controller(SPACE_ACTIONS_PATH.slice(1))
export class VerificationController {
  constructor(
    private readonly links: ActionLinks,
    private readonly spaces: SpacesService,
    private readonly repository: SpaceRepository,
    private readonly pages: PageRenderer,
    private readonly manage: ManageService,
  ) {}

  @Get(':token')
  async show(
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const space = await this.usableSpace(token, response);
    if (!space) return;
    const base = `${SPACE_ACTIONS_PATH}/${token}`;
    sendPage(
      response,
      200,
      this.pages.render('actions/verify', {
        space: spaceView(space, 'operator'),
        formAction: base,
        ...mailLanguageOf(request, space.hostLocale, `${base}/language`),
      }),
    );
  }

  /** The host chooses the language of their mails; the link stays usable for its button. */
  @Post(':token/language')
  async chooseLanguage(
    @Param('token') token: string,
    @Body() body: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const space = await this.usableSpace(token, response);
    if (!space) return;
    const by = linkActor(request, 'host', space.hostEmail);
    await answerMailLanguage(response, this.pages, body, `${SPACE_ACTIONS_PATH}/${token}`, (locale) =>
      this.manage.setHostLocale(space.id, locale, space.hostEmail, by),
    );
  }

  @Post(':token')
  async confirm(
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const link = await this.links.inspect(token);
    if (link.state !== 'usable' || link.claims.action !== VERIFY_SPACE) {
      return sendUnusableLink(response, this.pages, link.state === 'usable' ? 'invalid' : link.state);
    }
    try {
      const space = await this.spaces.verify(link.claims, linkActor(request, 'host', link.claims.recipient));
      if (!space) return sendUnusableLink(response, this.pages, 'used');
      sendPage(
        response,
        200,
        this.pages.render('actions/verify', { done: true, space: { name: space.name } }),
      );
    } catch (error) {
      if (error instanceof Conflict) return sendUnusableLink(response, this.pages, 'overtaken');
      throw error;
    }
  }

  /** The space the link is for, when the link can still act; otherwise answers with the right page. */
  private async usableSpace(token: string, response: Response): Promise<Space | undefined> {
    const link = await this.links.inspect(token);
    if (link.state !== 'usable' || link.claims.action !== VERIFY_SPACE) {
      sendUnusableLink(response, this.pages, link.state === 'usable' ? 'invalid' : link.state);
      return undefined;
    }
    const space = await this.repository.byId(link.claims.subject);
    if (!space) {
      sendUnusableLink(response, this.pages, 'invalid');
      return undefined;
    }
    if (space.status !== 'unverified' || space.hostEmail !== link.claims.recipient) {
      sendUnusableLink(response, this.pages, 'overtaken');
      return undefined;
    }
    return space;
  }
}
