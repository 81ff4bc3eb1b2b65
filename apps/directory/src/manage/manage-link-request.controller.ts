// GET /map/manage: "send me the link to manage my space". The POST mails a manage link for each space the
// email hosts, and answers the same whether or not it hosts any, so the page tells no one who is a host; it is
// limited as every "send me the link" page is (MailedLinkRequests).
import {
  Body,
  Controller,
  Get,
  Header,
  HttpStatus,
  Inject,
  Post,
  Res,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { Response } from 'express';
import type { Environment } from '@cocomo/config';
import {
  ENVIRONMENT,
  LINK_REQUESTS_PERIOD_MS,
  LINKS_PER_ADDRESS,
  MailedLinkRequests,
} from '@cocomo/platform';
import { PageRenderer, sendPage } from '@cocomo/web';
import { ManageService } from './manage.service';

@ApiExcludeController()
@Controller('map/manage')
export class ManageLinkRequestController implements OnModuleDestroy {
  private readonly requests: MailedLinkRequests;

  constructor(
    private readonly manage: ManageService,
    private readonly pages: PageRenderer,
    @Inject(ENVIRONMENT) env: Environment,
  ) {
    this.requests = new MailedLinkRequests(env, 'manage-link');
  }

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return this.pages.render('manage-link', {});
  }

  @Post()
  @Throttle({ default: { limit: LINKS_PER_ADDRESS, ttl: LINK_REQUESTS_PERIOD_MS } })
  async send(@Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const asked = await this.requests.ask(body);
    const { typed } = asked;
    if (asked.outcome === 'invalid') {
      return sendPage(response, 400, this.pages.render('manage-link', { typed, problem: asked.problem }));
    }
    if (asked.outcome === 'too many') {
      response.setHeader('retry-after', String(asked.retryAfterSeconds));
      return sendPage(
        response,
        HttpStatus.TOO_MANY_REQUESTS,
        this.pages.render('manage-link', { typed, tooMany: true }),
      );
    }
    await this.manage.sendLinks(asked.email);
    sendPage(response, 200, this.pages.render('manage-link', { sent: asked.email }));
  }

  onModuleDestroy(): void {
    this.requests.onModuleDestroy();
  }
}
