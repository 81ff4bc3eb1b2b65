// GET /my-data: "send me the link to my data". The POST mails the link when CoCoMo has ever mailed the address
// and answers the same whether or not it has, so the page tells no one who is known; limited per client address
// (the route's own write limit) and per email (counted in Redis), as the manage-link page is. The link opens
// /my-data/<token>: the page (GET) and the copy (GET, JSON to download) change nothing; the erasure is the
// page's form (POST), which uses the link up.
import { createHash } from 'node:crypto';
import {
  Body,
  Controller,
  Get,
  Header,
  HttpStatus,
  Inject,
  Param,
  Post,
  Res,
  ServiceUnavailableException,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { Response } from 'express';
import { z } from 'zod';
import type { Environment } from '@cocomo/config';
import { ActionLinks, sendUnusableLink, type LinkClaims } from '@cocomo/links';
import { QueryTimeoutError } from '@cocomo/messaging';
import { ENVIRONMENT, SharedRequestCounts } from '@cocomo/platform';
import { PageRenderer, sendPage } from '@cocomo/web';
import { PERSONAL_DATA, PERSONAL_DATA_PATH, PersonalData } from './personal-data.service';

const HOUR = 3_600_000;
/** Requests for a link one client address may make an hour, whichever emails it types. */
export const DATA_LINKS_PER_ADDRESS = 10;
/** Links one email may be sent an hour, from whichever addresses they are asked. */
export const DATA_LINKS_PER_EMAIL = 3;

const email = z
  .string()
  .trim()
  .toLowerCase()
  .email('must be an email address, such as asha@example.org')
  .max(320);

@ApiExcludeController()
@Controller(PERSONAL_DATA_PATH.slice(1))
export class PersonalDataPagesController implements OnModuleDestroy {
  private readonly counts: SharedRequestCounts;

  constructor(
    private readonly personalData: PersonalData,
    private readonly links: ActionLinks,
    private readonly pages: PageRenderer,
    @Inject(ENVIRONMENT) env: Environment,
  ) {
    this.counts = new SharedRequestCounts(env);
  }

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return this.pages.render('my-data/ask', {});
  }

  @Post()
  @Throttle({ default: { limit: DATA_LINKS_PER_ADDRESS, ttl: HOUR } })
  async send(@Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const typed = typeof body.email === 'string' ? body.email : '';
    const parsed = email.safeParse(typed);
    if (!parsed.success) {
      const problem = parsed.error.issues[0]?.message ?? 'is not valid';
      return sendPage(response, 400, this.pages.render('my-data/ask', { typed, problem }));
    }
    const key = `personal-data-link:${createHash('sha256').update(parsed.data).digest('hex')}`;
    const count = await this.counts.increment(key, HOUR, DATA_LINKS_PER_EMAIL, HOUR, 'personal-data-link');
    if (count.isBlocked) {
      response.setHeader('retry-after', String(count.timeToBlockExpire));
      return sendPage(
        response,
        HttpStatus.TOO_MANY_REQUESTS,
        this.pages.render('my-data/ask', { typed, tooMany: true }),
      );
    }
    await this.personalData.sendLink(parsed.data);
    sendPage(response, 200, this.pages.render('my-data/ask', { sent: parsed.data }));
  }

  @Get(':token')
  async show(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const claims = await this.opened(token, response);
    if (claims) this.sendLinkPage(response, 200, claims, token);
  }

  @Get(':token/copy.json')
  async copy(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const claims = await this.opened(token, response);
    if (!claims) return;
    const copy = await this.personalData.copyOf(claims.recipient).catch((error: unknown) => {
      if (!(error instanceof QueryTimeoutError)) throw error;
      throw new ServiceUnavailableException('A part of CoCoMo did not answer in time: try again in a minute');
    });
    response
      .status(200)
      .setHeader('cache-control', 'no-store')
      .setHeader('content-disposition', 'attachment; filename="cocomo-my-data.json"')
      .type('application/json')
      .send(JSON.stringify(copy, null, 2));
  }

  @Post(':token')
  async erase(
    @Param('token') token: string,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const claims = await this.opened(token, response);
    if (!claims) return;
    if (body.understood !== 'yes') {
      return this.sendLinkPage(
        response,
        400,
        claims,
        token,
        'Tick the box to say you understand what erasing does',
      );
    }
    if (!(await this.personalData.requestErasure(claims))) {
      return sendUnusableLink(response, this.pages, 'used');
    }
    sendPage(response, 200, this.pages.render('my-data/erased', {}));
  }

  onModuleDestroy(): void {
    this.counts.onModuleDestroy();
  }

  /** The link's claims when it opens the page; otherwise the page that says why. */
  private async opened(token: string, response: Response): Promise<LinkClaims | undefined> {
    // The token is in the address: the page's own links and resources must not pass it on.
    response.setHeader('referrer-policy', 'no-referrer');
    const link = await this.links.inspect(token);
    if (link.state !== 'usable') {
      sendUnusableLink(response, this.pages, link.state);
      return undefined;
    }
    if (link.claims.action !== PERSONAL_DATA) {
      sendUnusableLink(response, this.pages, 'invalid');
      return undefined;
    }
    return link.claims;
  }

  private sendLinkPage(
    response: Response,
    status: number,
    claims: LinkClaims,
    token: string,
    problem?: string,
  ): void {
    const path = `${PERSONAL_DATA_PATH}/${token}`;
    sendPage(
      response,
      status,
      this.pages.render('my-data/link', {
        email: claims.recipient,
        copyUrl: `${path}/copy.json`,
        eraseAction: path,
        ...(problem ? { problem } : {}),
      }),
    );
  }
}
