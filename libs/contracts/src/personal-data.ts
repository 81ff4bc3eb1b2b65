// Messages about people's own data: a copy of what each service holds about an email, and its erasure. The
// notifications service, where people ask (the "my data" page), gathers the copy by asking each service and
// publishes the erasure, which every service carries out on its own tables.
import { command, event, query } from './message';

/** Which person: their email, as they typed it on the "my data" page (trimmed, lower case). */
export interface PersonalDataAsked {
  email: string;
}

/** What one service holds about the person, table by table, as plain JSON values. */
export interface PersonalDataHeld {
  service: string;
  records: Record<string, unknown[]>;
}

export const directoryPersonalData = query<PersonalDataAsked, PersonalDataHeld>()(
  'directory.personal-data',
  1,
);
export const bookingsPersonalData = query<PersonalDataAsked, PersonalDataHeld>()('bookings.personal-data', 1);
export const metricsPersonalData = query<PersonalDataAsked, PersonalDataHeld>()('metrics.personal-data', 1);

/** What stands in for an erased person's email and name, everywhere the same for one erasure. */
export interface ErasurePlaceholder {
  email: string;
  name: string;
}

/**
 * A person asked for their data to be erased (`asked`), or what bookings kept of an organizer outlived
 * PERSONAL_DATA_RETENTION (`retention`). Each service replaces the email, and the names it knows for it, with
 * the placeholder in its own tables, keeping every row (so every count). When asked, what is open ends first
 * with the usual mails: the person's spaces are retired, their open bookings cancelled as an organizer's cancel.
 */
export interface PersonalDataErased {
  erasureId: string;
  email: string;
  placeholder: ErasurePlaceholder;
  why: 'asked' | 'retention';
  /** ISO 8601. */
  at: string;
}

export const personalDataErased = event<PersonalDataErased>()('person.erased', 1);

/**
 * The bookings service's own timer: look for bookings that ended more than PERSONAL_DATA_RETENTION ago and
 * replace their organizer's name and email. Each sets the next.
 */
export interface PersonalDataRetentionDue {
  /** ISO 8601: when this look was due. */
  dueAt: string;
}

export const personalDataRetentionDue = command<PersonalDataRetentionDue>()('bookings.retention-due', 1);

/** Placeholders end in a domain that never receives mail (RFC 2606). */
export const ERASED_DOMAIN = 'erased.invalid';
export const ERASED_NAME = 'Erased person';

/** The placeholder of an erasure: its email names the erasure, never the person. */
export function erasurePlaceholder(erasureId: string): ErasurePlaceholder {
  return { email: `erased-${erasureId.replace(/-/g, '').slice(0, 12)}@${ERASED_DOMAIN}`, name: ERASED_NAME };
}

/** True for an address that stands in for an erased person: no mail goes to it. */
export function isErasedAddress(email: string): boolean {
  return email.toLowerCase().endsWith(`@${ERASED_DOMAIN}`);
}
