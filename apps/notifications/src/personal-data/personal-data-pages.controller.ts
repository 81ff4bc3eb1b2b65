// GET /my-data: "send me the link to my data". The POST mails the link when CoCoMo has ever mailed the address
// and answers the same whether or not it has, so the page tells no one who is known; limited per client address
// and per email as every "send me the link" page is (MailedLinkRequests). The link opens
// /my-data/<token>: the page (GET) and the copy (GET, JSON to download) change nothing; the erasure is the
// page's form (POST), which uses the link up. Both forms carry the language their page was read in (lang), so
// that the answer to a post, and the link's mail, speak it too.
import {
  Body,
  Controller,
  Get,
  Header,
  HttpStatus,
  Inject,
  Param,
  Post,
  Req,
  Res,
  ServiceUnavailableException,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { Environment } from '@cocomo/config';
import { pageLocale, supportedLocale, type Locale } from '@cocomo/i18n';
import { ActionLinks, sendUnusableLink, type LinkClaims } from '@cocomo/links';
import { QueryTimeoutError } from '@cocomo/messaging';
import {
  ENVIRONMENT,
  LINK_REQUESTS_PERIOD_MS,
  LINKS_PER_ADDRESS,
  MailedLinkRequests,
} from '@cocomo/platform';
import { PageRenderer, sendPage } from '@cocomo/web';
import { PERSONAL_DATA, PERSONAL_DATA_PATH, PersonalData } from './personal-data.service';

@ApiExcludeController()
@Controller(PERSONAL_DATA_PATH.slice(1))
export class PersonalDataPagesController implements OnModuleDestroy {
  private readonly requests: MailedLinkRequests;

  constructor(
    private readonly personalData: PersonalData,
    private readonly links: ActionLinks,
    private readonly pages: PageRenderer,
    @Inject(ENVIRONMENT) env: Environment,
  ) {
    this.requests = new MailedLinkRequests(env, 'personal-data-link');
  }

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return this.pages.render('my-data/ask', {});
  }

  @Post()
  @Throttle({ default: { limit: LINKS_PER_ADDRESS, ttl: LINK_REQUESTS_PERIOD_MS } })
  async send(
    @Body() body: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const lang = formLocale(body);
    // The mail is written in the language the person asked in: their page's, else what their browser asks for.
    const locale =
      lang ??
      pageLocale({ cookie: request.headers.cookie, acceptLanguage: request.headers['accept-language'] });
    const asked = await this.requests.ask(body);
    const { typed } = asked;
    if (asked.outcome === 'invalid') {
      return sendPage(response, 400, this.pages.render('my-data/ask', { typed, problem: true }, lang));
    }
    if (asked.outcome === 'too many') {
      response.setHeader('retry-after', String(asked.retryAfterSeconds));
      return sendPage(
        response,
        HttpStatus.TOO_MANY_REQUESTS,
        this.pages.render('my-data/ask', { typed, tooMany: true }, lang),
      );
    }
    await this.personalData.sendLink(asked.email, locale);
    sendPage(response, 200, this.pages.render('my-data/ask', { sent: asked.email }, lang));
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
    const lang = formLocale(body);
    if (body.understood !== 'yes') return this.sendLinkPage(response, 400, claims, token, true, lang);
    if (!(await this.personalData.requestErasure(claims))) {
      return sendUnusableLink(response, this.pages, 'used');
    }
    sendPage(response, 200, this.pages.render('my-data/erased', {}, lang));
  }

  onModuleDestroy(): void {
    this.requests.onModuleDestroy();
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
    problem = false,
    lang?: Locale,
  ): void {
    const path = `${PERSONAL_DATA_PATH}/${token}`;
    sendPage(
      response,
      status,
      this.pages.render(
        'my-data/link',
        {
          email: claims.recipient,
          copyUrl: `${path}/copy.json`,
          eraseAction: path,
          problem,
        },
        lang,
      ),
    );
  }
}

/** The language the posting page was read in, which its form carries. */
function formLocale(body: Record<string, unknown>): Locale | undefined {
  return typeof body.lang === 'string' ? supportedLocale(body.lang) : undefined;
}
