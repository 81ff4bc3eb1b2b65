// What the manage page shows: the space, its forms with what is set or what was typed, the problems beside
// their fields, what waits for review and the history. Gathers data only; the words are in views/manage.hbs.
import { DEFAULT_LOCALE } from '@cocomo/i18n';
import { problemIn, type Problem } from '@cocomo/platform';
import { WEEKDAYS } from '../availability/availability';
import { languageName, mailLanguageChoices } from '../mail-language/mail-language';
import type { SpaceHistoryEntry } from '../spaces/space-history.entity';
import type { Space } from '../spaces/space.entity';
import { spaceView } from '../spaces/space-view';
import { availabilityFormOf, SPARE_CLOSURE_ROWS, type AvailabilityForm } from './availability-form';
import { describeChange } from './listing-change';
import { listingFormOf, type ListingForm } from './listing-form';

/** Why a hand-over form is refused, by field: the view says each in the page's language. */
export type HandOverProblem = 'empty' | 'too_long' | 'not_an_email' | 'own_email';

export type Saved = 'listing' | 'review' | 'both' | 'availability' | 'nothing' | 'hand-over' | 'language';

export interface ManagePageState {
  saved?: Saved;
  listing?: { form: ListingForm; problems: Problem[] };
  availability?: { form: AvailabilityForm; problems: Problem[] };
  handOver?: {
    form: { newHostName: string; newHostEmail: string };
    problems: { field: string; problem: HandOverProblem }[];
  };
  /** A refused retire: the box was not ticked. */
  retire?: { problem: true };
  /** A refused language: the form posted none CoCoMo speaks. */
  language?: { problem: true };
}

const badgeLanguage = (locale: string) =>
  locale === DEFAULT_LOCALE ? '' : `?lang=${encodeURIComponent(locale)}`;

const problemsByField = (problems: { field: string; problem: string }[]) =>
  Object.fromEntries(problems.map((problem) => [problem.field, problem.problem]));

export function managePage(
  space: Space,
  token: string,
  history: SpaceHistoryEntry[],
  state: ManagePageState,
  actionsPath: string,
  publicBaseUrl: string,
  pageLocale: string = DEFAULT_LOCALE,
) {
  // A refused form's problems in the page's language, as the API says them in its client's.
  const inPageLanguage = (problems: Problem[]) => problems.map((problem) => problemIn(pageLocale, problem));
  const listingProblems = inPageLanguage(state.listing?.problems ?? []);
  const availabilityProblems = inPageLanguage(state.availability?.problems ?? []);
  const availability = state.availability?.form ?? availabilityFormOf(space.availability, space.timezone);
  const availabilityProblemOf = problemsByField(availabilityProblems);
  const closures = [
    ...availability.closures,
    ...Array.from({ length: SPARE_CLOSURE_ROWS }, () => ({ from: '', to: '', note: '' })),
  ].map((row, index) => ({
    ...row,
    number: index + 1,
    names: { from: `closures.${index}.from`, to: `closures.${index}.to`, note: `closures.${index}.note` },
    problems: {
      from: availabilityProblemOf[`closures.${index}.from`],
      to: availabilityProblemOf[`closures.${index}.to`],
      note: availabilityProblemOf[`closures.${index}.note`],
    },
  }));
  const base = `${actionsPath}/${token}`;
  return {
    space: spaceView(space, 'operator'),
    saved: state.saved,
    // The badge speaks the host's language (their own site's, most likely); English needs no ?lang=.
    badgePath: `/api/spaces/${space.id}/badge.svg${badgeLanguage(space.hostLocale)}`,
    badgeUrl: `${publicBaseUrl}/api/spaces/${space.id}/badge.svg${badgeLanguage(space.hostLocale)}`,
    profileUrl: `${publicBaseUrl}/map/spaces/${space.id}`,
    listingAction: `${base}/listing`,
    handOverAction: `${base}/hand-over`,
    retireAction: `${base}/retire`,
    hostLanguage: {
      action: `${base}/language`,
      name: languageName(space.hostLocale, pageLocale),
      choices: mailLanguageChoices(space.hostLocale),
      problem: state.language?.problem ?? false,
    },
    handOver: {
      form: state.handOver?.form ?? { newHostName: '', newHostEmail: '' },
      problemOf: problemsByField(state.handOver?.problems ?? []),
      offered: space.handOver,
    },
    retire: state.retire,
    availabilityAction: `${base}/availability`,
    listing: state.listing?.form ?? listingFormOf(space),
    listingProblems: listingProblems.map((problem) => `${problem.field}: ${problem.problem}`),
    listingProblemOf: problemsByField(listingProblems),
    pending: space.pendingChange
      ? {
          by: space.pendingChangeBy,
          at: space.pendingChangeAt?.toISOString(),
          facts: describeChange(space.pendingChange, space).map(({ field, value }) => ({
            label: field,
            value,
          })),
        }
      : null,
    availability,
    availabilityProblems: availabilityProblems.map((problem) => `${problem.field}: ${problem.problem}`),
    availabilityProblemOf,
    days: WEEKDAYS.map((day) => ({
      name: `hours.days.${day}`,
      day,
      value: availability.days[day] ?? '',
      problem: availabilityProblemOf[`hours.days.${day}`],
    })),
    closures,
    history: history.map((entry) => ({
      at: entry.at.toISOString(),
      by: entry.byEmail,
      what: entry.what,
      changes: entry.changes,
      note: entry.note,
    })),
  };
}
