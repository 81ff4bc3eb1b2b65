// The page behind the link a new host receives: GET shows the space and one button; only the button's POST
// confirms the host's email and puts the space in the review queue.
import { Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Response } from 'express';
import { ActionLinks, renderActionPage, renderOutcomePage, unusableLinkPage } from '@cocomo/links';
import { Conflict } from '@cocomo/platform';
import { Space } from '../spaces/space.entity';
import { SPACE_ACTIONS_PATH, SpacesService, VERIFY_SPACE } from '../spaces/spaces.service';

@ApiExcludeController()
@Controller(SPACE_ACTIONS_PATH.slice(1))
export class VerificationController {
  constructor(
    private readonly links: ActionLinks,
    private readonly spaces: SpacesService,
    private readonly em: EntityManager,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const space = await this.usableSpace(token, response);
    if (!space) return;
    send(
      response,
      200,
      renderActionPage({
        title: 'Confirm your email address',
        intro: `Someone — we hope you — registered this space on CoCoMo with your email address. Press the button to confirm it; an operator will then review the space before it appears on the map.`,
        facts: [
          { label: 'Space', value: space.name },
          { label: 'Address', value: `${space.address}, ${space.city}, ${space.country}` },
          { label: 'Kind', value: space.kind },
          { label: 'Capacity', value: String(space.capacity) },
          { label: 'Host', value: `${space.hostName} <${space.hostEmail}>` },
        ],
        formAction: `${SPACE_ACTIONS_PATH}/${token}`,
        buttons: [{ value: 'confirm', label: 'Yes, I registered this space' }],
        note: 'If you did not register this space, ignore the mail: nothing happens without your press.',
      }),
    );
  }

  @Post(':token')
  async confirm(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const link = await this.links.inspect(this.em, token);
    if (link.state !== 'usable' || link.claims.action !== VERIFY_SPACE) {
      return sendUnusable(response, link.state === 'usable' ? 'invalid' : link.state);
    }
    try {
      const space = await this.spaces.verify(link.claims);
      if (!space) return sendUnusable(response, 'used');
      send(
        response,
        200,
        renderOutcomePage({
          title: 'Thank you — your email is confirmed',
          message: `${space.name} now waits for an operator's review. We will write to you when it is on the map.`,
          tone: 'success',
        }),
      );
    } catch (error) {
      if (error instanceof Conflict) return sendUnusable(response, 'overtaken');
      throw error;
    }
  }

  /** The space the link is for, when the link can still act; otherwise answers with the right page. */
  private async usableSpace(token: string, response: Response): Promise<Space | undefined> {
    const link = await this.links.inspect(this.em, token);
    if (link.state !== 'usable' || link.claims.action !== VERIFY_SPACE) {
      sendUnusable(response, link.state === 'usable' ? 'invalid' : link.state);
      return undefined;
    }
    const space = await this.em.findOne(Space, { id: link.claims.subject });
    if (!space) {
      sendUnusable(response, 'invalid');
      return undefined;
    }
    if (space.status !== 'unverified' || space.hostEmail !== link.claims.recipient) {
      sendUnusable(response, 'overtaken');
      return undefined;
    }
    return space;
  }
}

function send(response: Response, status: number, html: string): void {
  response.status(status).type('html').setHeader('cache-control', 'no-store').send(html);
}

function sendUnusable(response: Response, state: Parameters<typeof unusableLinkPage>[0]): void {
  const page = unusableLinkPage(state);
  send(response, page.status, page.html);
}
