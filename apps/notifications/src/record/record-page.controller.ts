// GET /operators/record: the record as a page for admins, asked by person, space, booking and period with a
// form (GET, so a query is a link to keep or send), newest first, a page at a time. A refused query shows the
// form again with each problem beside its field (400), in the page's language.
import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { translate } from '@cocomo/i18n';
import { OperatorGuard, pageProblems } from '@cocomo/platform';
import { PageRenderer, sendPage } from '@cocomo/web';
import { RecordBook, type RecordedEntry } from './record-book';
import { parseRecordQuery } from './record-query';

export const RECORD_PAGE_PATH = '/operators/record';
/** The form's fields, in its order: what the page shows again as typed. */
const ASKED = ['person', 'space', 'booking', 'from', 'to'] as const;

@ApiExcludeController()
@UseGuards(OperatorGuard)
@Controller(RECORD_PAGE_PATH.slice(1))
export class RecordPageController {
  constructor(
    private readonly book: RecordBook,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async page(@Query() raw: Record<string, unknown>, @Res() response: Response): Promise<void> {
    response.setHeader('cache-control', 'no-store');
    const typed = Object.fromEntries(
      ASKED.map((field) => [field, typeof raw[field] === 'string' ? raw[field] : '']),
    ) as Record<(typeof ASKED)[number], string>;
    const parsed = parseRecordQuery(raw);
    if ('problems' in parsed) {
      const { problemOf, problems } = pageProblems(parsed.problems, labelOf);
      return sendPage(response, 400, this.pages.render('operators/record', { typed, problemOf, problems }));
    }
    const found = await this.book.page(parsed.query);
    const asked = Object.entries(typed).filter(([, value]) => value.trim() !== '');
    const at = (page: number) => {
      const search = new URLSearchParams([...asked, ...(page > 1 ? [['page', String(page)]] : [])]);
      return search.size ? `${RECORD_PAGE_PATH}?${search}` : RECORD_PAGE_PATH;
    };
    sendPage(
      response,
      200,
      this.pages.render('operators/record', {
        typed,
        problemOf: {},
        entries: found.items.map(entryView),
        page: found.page,
        newer: found.page > 1 ? at(found.page - 1) : undefined,
        older: found.next ? at(found.next) : undefined,
      }),
    );
  }
}

/** A field's label in the list of problems; a field the form does not show, such as page, by its name. */
function labelOf(field: string, locale: string): string {
  return (ASKED as readonly string[]).includes(field)
    ? translate(locale, `operators:record.${field}`)
    : field;
}

/** An entry as the page lists it: its space and booking lead to everything else recorded on them. */
function entryView(entry: RecordedEntry) {
  return {
    ...entry,
    at: new Date(entry.at),
    spaceLink: entry.spaceId ? `${RECORD_PAGE_PATH}?space=${entry.spaceId}` : undefined,
    bookingLink: entry.bookingId ? `${RECORD_PAGE_PATH}?booking=${entry.bookingId}` : undefined,
    personLink: `${RECORD_PAGE_PATH}?person=${encodeURIComponent(entry.actorId ?? entry.actorEmail)}`,
  };
}
