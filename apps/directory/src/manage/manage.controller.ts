// The page behind a host's manage link: GET shows the space, what is set and what waits for review; each form
// posts one change (the listing, or when the space can be asked). A form with a problem comes back with 400,
// each problem beside its field and what was typed, and changes nothing; a saved one answers 303 to the page.
import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ActionLinks, MANAGE_SPACE_PATH, sendUnusableLink, type LinkClaims } from '@cocomo/links';
import type { Environment } from '@cocomo/config';
import { Conflict, ENVIRONMENT, linkActor } from '@cocomo/platform';
import { PageRenderer, sendPage } from '@cocomo/web';
import type { Space } from '../spaces/space.entity';
import { SpaceRepository } from '../spaces/space.repository';
import { parseAvailability, typedAvailability } from './availability-form';
import { postedLocale } from '../mail-language/mail-language';
import { pageLocaleOf } from '../page-locale';
import { parseListing, typedListing } from './listing-form';
import { managePage, type HandOverProblem, type ManagePageState, type Saved } from './manage-page';
import { ManageService } from './manage.service';

const SAVED: readonly Saved[] = [
  'listing',
  'review',
  'both',
  'availability',
  'nothing',
  'hand-over',
  'language',
];

const newHost = z
  .object({
    newHostName: z.string().trim().min(1, 'empty').max(120, 'too_long'),
    newHostEmail: z.string().trim().email('not_an_email').max(320, 'too_long'),
  })
  .strip();

@ApiExcludeController()
@Controller(MANAGE_SPACE_PATH.slice(1))
export class ManageController {
  constructor(
    private readonly links: ActionLinks,
    private readonly manage: ManageService,
    private readonly repository: SpaceRepository,
    private readonly pages: PageRenderer,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  @Get(':token')
  async show(
    @Param('token') token: string,
    @Query('saved') saved: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const opened = await this.opened(token, response);
    if (!opened) return;
    const state = SAVED.includes(saved as Saved) ? { saved: saved as Saved } : {};
    await this.send(request, response, 200, opened.space, token, state);
  }

  @Post(':token/listing')
  async editListing(
    @Param('token') token: string,
    @Body() body: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const opened = await this.opened(token, response);
    if (!opened) return;
    const form = typedListing(body);
    const parsed = parseListing(form, opened.space);
    if ('problems' in parsed) {
      return this.send(request, response, 400, opened.space, token, {
        listing: { form, problems: parsed.problems },
      });
    }
    await this.acting(response, async () => {
      const { applied, waiting } = await this.manage.editListing(
        opened.claims,
        parsed.listing,
        hostOf(request, opened.claims),
        parsed.pledges,
      );
      const saved: Saved = applied && waiting ? 'both' : waiting ? 'review' : applied ? 'listing' : 'nothing';
      response.redirect(303, `${MANAGE_SPACE_PATH}/${token}?saved=${saved}`);
    });
  }

  @Post(':token/availability')
  async setAvailability(
    @Param('token') token: string,
    @Body() body: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const opened = await this.opened(token, response);
    if (!opened) return;
    const form = typedAvailability(body);
    const parsed = parseAvailability(form);
    if ('problems' in parsed) {
      return this.send(request, response, 400, opened.space, token, {
        availability: { form, problems: parsed.problems },
      });
    }
    await this.acting(response, async () => {
      await this.manage.setAvailability(
        opened.claims,
        parsed.availability,
        parsed.timezone,
        hostOf(request, opened.claims),
      );
      response.redirect(303, `${MANAGE_SPACE_PATH}/${token}?saved=availability`);
    });
  }

  @Post(':token/hand-over')
  async handOver(
    @Param('token') token: string,
    @Body() body: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const opened = await this.opened(token, response);
    if (!opened) return;
    const typed = {
      newHostName: typeof body.newHostName === 'string' ? body.newHostName : '',
      newHostEmail: typeof body.newHostEmail === 'string' ? body.newHostEmail : '',
    };
    const parsed = newHost.safeParse(typed);
    const problems: { field: string; problem: HandOverProblem }[] = parsed.success
      ? parsed.data.newHostEmail.toLowerCase() === opened.space.hostEmail.toLowerCase()
        ? [{ field: 'newHostEmail', problem: 'own_email' }]
        : []
      : parsed.error.issues.map((issue) => ({
          field: String(issue.path[0]),
          problem: issue.message as HandOverProblem,
        }));
    if (!parsed.success || problems.length) {
      return this.send(request, response, 400, opened.space, token, { handOver: { form: typed, problems } });
    }
    await this.acting(response, async () => {
      await this.manage.offerHandOver(
        opened.claims,
        { name: parsed.data.newHostName, email: parsed.data.newHostEmail },
        hostOf(request, opened.claims),
      );
      response.redirect(303, `${MANAGE_SPACE_PATH}/${token}?saved=hand-over`);
    });
  }

  /** The language the host's mails are written in (the space's host_locale). */
  @Post(':token/language')
  async setLanguage(
    @Param('token') token: string,
    @Body() body: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const opened = await this.opened(token, response);
    if (!opened) return;
    const locale = postedLocale(body);
    if (!locale)
      return this.send(request, response, 400, opened.space, token, { language: { problem: true } });
    await this.acting(response, async () => {
      const changed = await this.manage.setHostLocale(
        opened.space.id,
        locale,
        opened.claims.recipient,
        hostOf(request, opened.claims),
      );
      response.redirect(303, `${MANAGE_SPACE_PATH}/${token}?saved=${changed ? 'language' : 'nothing'}`);
    });
  }

  @Post(':token/retire')
  async retire(
    @Param('token') token: string,
    @Body() body: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const opened = await this.opened(token, response);
    if (!opened) return;
    if (body.understood !== 'yes') {
      return this.send(request, response, 400, opened.space, token, { retire: { problem: true } });
    }
    await this.acting(response, async () => {
      const space = await this.manage.retire(opened.claims, hostOf(request, opened.claims));
      sendPage(response, 200, this.pages.render('manage-retired', { space: { name: space.name } }));
    });
  }

  /** The link's space when the link opens it; otherwise the page that says why. */
  private async opened(
    token: string,
    response: Response,
  ): Promise<{ space: Space; claims: LinkClaims } | undefined> {
    // The token is in the address: the page's own links and resources must not pass it on.
    response.setHeader('referrer-policy', 'no-referrer');
    const link = await this.links.inspect(token);
    if (link.state !== 'usable') {
      sendUnusableLink(response, this.pages, link.state === 'used' ? 'invalid' : link.state);
      return undefined;
    }
    const space = await this.manage.spaceOf(link.claims);
    if (typeof space === 'string') {
      sendUnusableLink(response, this.pages, space);
      return undefined;
    }
    return { space, claims: link.claims };
  }

  /** A change the space no longer allows (retired, handed over meanwhile) gets the link's page for it. */
  private async acting(response: Response, act: () => Promise<void>): Promise<void> {
    try {
      await act();
    } catch (error) {
      if (error instanceof Conflict) return sendUnusableLink(response, this.pages, 'overtaken');
      throw error;
    }
  }

  private async send(
    request: Request,
    response: Response,
    status: number,
    space: Space,
    token: string,
    state: ManagePageState,
  ): Promise<void> {
    const history = await this.repository.historyOf(space.id);
    sendPage(
      response,
      status,
      this.pages.render(
        'manage',
        managePage(
          space,
          token,
          history,
          state,
          MANAGE_SPACE_PATH,
          this.env.PUBLIC_BASE_URL,
          pageLocaleOf(request),
        ),
      ),
    );
  }
}

/** The host of the link, who acts on the manage page. */
function hostOf(request: Request, claims: LinkClaims) {
  return linkActor(request, 'host', claims.recipient);
}
