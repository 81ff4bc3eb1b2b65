// GET /map/manage: "send me the link to manage my space". The POST mails a manage link for each space the
// email hosts, and answers the same whether or not it hosts any, so the page tells no one who is a host.
// Limited per client address (the route's own write limit) and per email (counted in Redis with every other
// public limit), so that it can be used neither to flood a host's mailbox nor to probe addresses.
import { createHash } from 'node:crypto';
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
import { z } from 'zod';
import type { Environment } from '@cocomo/config';
import { ENVIRONMENT, SharedRequestCounts } from '@cocomo/platform';
import { PageRenderer, sendPage } from '@cocomo/web';
import { ManageService } from './manage.service';

const HOUR = 3_600_000;
/** Requests for a link one client address may make an hour, whichever emails it types. */
export const MANAGE_LINKS_PER_ADDRESS = 10;
/** Links one email may be sent an hour, from whichever addresses they are asked. */
export const MANAGE_LINKS_PER_EMAIL = 3;

const email = z
  .string()
  .trim()
  .toLowerCase()
  .email('must be an email address, such as asha@example.org')
  .max(320);

@ApiExcludeController()
@Controller('map/manage')
export class ManageLinkRequestController implements OnModuleDestroy {
  private readonly counts: SharedRequestCounts;

  constructor(
    private readonly manage: ManageService,
    private readonly pages: PageRenderer,
    @Inject(ENVIRONMENT) env: Environment,
  ) {
    this.counts = new SharedRequestCounts(env);
  }

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return this.pages.render('manage-link', {});
  }

  @Post()
  @Throttle({ default: { limit: MANAGE_LINKS_PER_ADDRESS, ttl: HOUR } })
  async send(@Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const typed = typeof body.email === 'string' ? body.email : '';
    const parsed = email.safeParse(typed);
    if (!parsed.success) {
      const problem = parsed.error.issues[0]?.message ?? 'is not valid';
      return sendPage(response, 400, this.pages.render('manage-link', { typed, problem }));
    }
    const key = `manage-link:${createHash('sha256').update(parsed.data).digest('hex')}`;
    const count = await this.counts.increment(key, HOUR, MANAGE_LINKS_PER_EMAIL, HOUR, 'manage-link');
    if (count.isBlocked) {
      response.setHeader('retry-after', String(count.timeToBlockExpire));
      return sendPage(
        response,
        HttpStatus.TOO_MANY_REQUESTS,
        this.pages.render('manage-link', { typed, tooMany: true }),
      );
    }
    await this.manage.sendLinks(parsed.data);
    sendPage(response, 200, this.pages.render('manage-link', { sent: parsed.data }));
  }

  onModuleDestroy(): void {
    this.counts.onModuleDestroy();
  }
}
