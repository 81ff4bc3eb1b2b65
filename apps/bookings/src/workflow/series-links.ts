// The links of a series' one conversation with its host, declared once: accept every date, choose dates on a
// page that lists each with its own box, or decline. Each acts on the series while it waits for that answer.
export const SERIES_ACTIONS_PATH = '/actions/series';

/** Each one's button in a mail is labelled by mails:actions.<name> of the catalogue. */
export const SERIES_ACTIONS = {
  'series-accept-all': {},
  'series-choose': {},
  'series-decline': {},
  /** The organizer's: every date of the series cancelled while its host has not answered. */
  'series-cancel': {},
} as const;

/** The links of the host's one mail; the organizer's mail carries series-cancel. */
export const HOST_SERIES_ACTIONS = ['series-accept-all', 'series-choose', 'series-decline'] as const;

export type SeriesActionName = keyof typeof SERIES_ACTIONS;

export function isSeriesAction(action: string): action is SeriesActionName {
  return Object.hasOwn(SERIES_ACTIONS, action);
}

/** A series link names the series and the space whose host it was sent to. */
export const seriesSubject = (seriesId: string, spaceId: string) => `${seriesId}~${spaceId}`;

export function parseSeriesSubject(subject: string): { seriesId: string; spaceId: string } | undefined {
  const [seriesId, spaceId, ...rest] = subject.split('~');
  return seriesId && spaceId && !rest.length ? { seriesId, spaceId } : undefined;
}
