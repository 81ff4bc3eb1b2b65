// /mailbox: the development mailbox, where every mail is kept when there is no SMTP server. The module mounts
// this controller only without SMTP_URL, so in production /mailbox does not exist.
import { Controller, Get, Header, Inject, Param, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Environment } from '@cocomo/config';
import { ENVIRONMENT, NotFound, assertOperator } from '@cocomo/platform';
import { Deliveries } from '../delivery/deliveries.service';
import { PageRenderer } from '@cocomo/web';
import { mailboxList, mailboxMail } from './mailbox-pages';

const NEWEST = 200;

@ApiExcludeController()
@Controller('mailbox')
export class MailboxController {
  constructor(
    private readonly deliveries: Deliveries,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  async list(@Req() request: Request): Promise<string> {
    this.allow(request);
    return this.pages.render('mailbox', mailboxList(await this.deliveries.list(undefined, NEWEST)));
  }

  @Get(':id')
  @Header('content-type', 'text/html; charset=utf-8')
  async mail(@Param('id') id: string, @Req() request: Request): Promise<string> {
    this.allow(request);
    const mail = await this.deliveries.find(id);
    if (!mail) throw new NotFound('Mail', id);
    return this.pages.render('mailbox-mail', mailboxMail(mail, this.env.EMAIL_FROM));
  }

  /** A production system without SMTP_URL still keeps its mail here, but shows it to operators only. */
  private allow(request: Request): void {
    if (this.env.NODE_ENV === 'production') assertOperator(request, this.env);
  }
}
