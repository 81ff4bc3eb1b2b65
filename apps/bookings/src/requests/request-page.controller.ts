// GET /request: the page where an organizer asks for a space; the form sends to POST /api/bookings.
import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { requestPage } from './request-page';

@ApiExcludeController()
@Controller('request')
export class RequestPageController {
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return requestPage();
  }
}
