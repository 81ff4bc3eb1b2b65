// What a host does through their manage link, and an operator's review of what waits: each change, its line in
// the space's history, its mail to the host and its event commit together.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Environment } from '@cocomo/config';
import { notifyEmail, spaceHostChanged, spaceRetired, spaceUpdated } from '@cocomo/contracts';
import { LOCALE_NAMES, type Locale } from '@cocomo/i18n';
import { ActionLinks, MANAGE_SPACE, manageSpaceLink, type LinkClaims } from '@cocomo/links';
import { Outbox } from '@cocomo/messaging';
import { ActionRecord, Conflict, ENVIRONMENT, type Actor } from '@cocomo/platform';
import type { Availability } from '../availability/availability';
import { SpaceHistoryEntry, type FieldChange, type HistoryKind } from '../spaces/space-history.entity';
import type { UpdateSpace } from '../spaces/space.dto';
import type { Space, SpaceColumns, SpaceStatus } from '../spaces/space.entity';
import { SpaceRepository } from '../spaces/space.repository';
import { spaceFacts } from '../spaces/space-facts';
import { changedMail, handOverMail, manageLinkMail } from '../verification/space-mails';
import { describeAvailability } from './availability-words';
import { describeChange, listingChange, type Pledges } from './listing-change';

/** The single-use link the new host confirms a hand-over with. */
export const TAKE_OVER_SPACE = 'take-over-space';
export const TAKE_OVER_PATH = '/actions/spaces/take-over';

/** A host manages a space until it is rejected or retired. */
export const MANAGEABLE: readonly SpaceStatus[] = ['unverified', 'pending_review', 'approved'];

/** The changes whose mail says what kind they are (a new language is mailed as a change of the listing). */
type MailedKind = Exclude<HistoryKind, 'host_locale_changed'>;

/** Why a manage link no longer opens its space: it is not one, or the space or its host moved on. */
export type ManageRefusal = 'invalid' | 'overtaken';

@Injectable()
export class ManageService {
  constructor(
    private readonly spaces: SpaceRepository,
    private readonly outbox: Outbox,
    private readonly links: ActionLinks,
    private readonly actions: ActionRecord,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  /** The space a manage link opens, or why it does not. */
  async spaceOf(claims: LinkClaims): Promise<Space | ManageRefusal> {
    if (claims.action !== MANAGE_SPACE) return 'invalid';
    const space = await this.spaces.byId(claims.subject);
    if (!space) return 'invalid';
    return manageable(space, claims) ? space : 'overtaken';
  }

  /** Mails a manage link for each space the email hosts; says nothing of whether there were any. */
  async sendLinks(email: string): Promise<void> {
    const hosted = await this.spaces.hostedBy(email);
    if (!hosted.length) return;
    await this.spaces.transaction(async (em) => {
      for (const space of hosted)
        this.outbox.add(em, notifyEmail, manageLinkMail(space, this.manageLink(space)));
    });
  }

  /**
   * The host's edit: what operators reviewed waits for them (the listing keeps its approved values), the rest
   * applies at once. Returns what changed of each kind, nothing when the form held the values already.
   */
  async editListing(
    claims: LinkClaims,
    listing: UpdateSpace,
    by: Actor,
    pledges?: Pledges,
  ): Promise<{ applied: number; waiting: number }> {
    return this.spaces.transaction(async (em) => {
      const space = await this.lockedFor(em, claims);
      const { immediate, reviewed } = listingChange(space, listing, pledges);
      const now = new Date();
      const appliedLines = describeChange(immediate, space);
      const waitingLines = describeChange(reviewed, space);
      if (appliedLines.length) {
        em.assign(space, immediate);
        space.updatedAt = now;
        this.outbox.add(em, spaceUpdated, { ...spaceFacts(space), changed: Object.keys(immediate) });
        this.record(em, space, 'listing_changed', appliedLines, claims.recipient, now);
      }
      if (waitingLines.length) {
        space.pendingChange = { ...(space.pendingChange ?? {}), ...reviewed };
        space.pendingChangeBy = claims.recipient;
        space.pendingChangeAt = now;
        this.record(em, space, 'change_awaits_review', waitingLines, claims.recipient, now);
      }
      if (appliedLines.length || waitingLines.length) {
        const fields = [...appliedLines, ...waitingLines].map((line) => line.field).join(', ');
        this.actions.add(em, by, 'listing-edited', { spaceId: space.id, detail: fields });
      }
      return { applied: appliedLines.length, waiting: waitingLines.length };
    });
  }

  async setAvailability(
    claims: LinkClaims,
    availability: Availability,
    timezone: string,
    by: Actor,
  ): Promise<void> {
    await this.spaces.transaction(async (em) => {
      const space = await this.lockedFor(em, claims);
      const zoneChanged = space.timezone !== timezone;
      space.availability = availability;
      space.timezone = timezone;
      const now = new Date();
      space.updatedAt = now;
      if (zoneChanged) this.outbox.add(em, spaceUpdated, { ...spaceFacts(space), changed: ['timezone'] });
      const lines = describeAvailability(availability, timezone);
      this.record(em, space, 'availability_changed', lines, claims.recipient, now);
      this.actions.add(em, by, 'availability-changed', { spaceId: space.id });
    });
  }

  /**
   * The host offers the space to another email: nothing changes until that person confirms through the
   * single-use link mailed to them. A later offer replaces an earlier one (whose link then no longer acts).
   */
  async offerHandOver(claims: LinkClaims, to: { name: string; email: string }, by: Actor): Promise<void> {
    await this.spaces.transaction(async (em) => {
      const space = await this.lockedFor(em, claims);
      const now = new Date();
      space.handOver = { ...to, by: claims.recipient, at: now.toISOString() };
      const link = this.links.issue(TAKE_OVER_PATH, {
        subject: space.id,
        action: TAKE_OVER_SPACE,
        recipient: to.email,
      });
      this.outbox.add(em, notifyEmail, handOverMail(space, to, link));
      const lines = [{ field: 'New host', value: `${to.name} <${to.email}>` }];
      this.record(em, space, 'hand_over_offered', lines, claims.recipient, now);
      this.actions.add(em, by, 'hand-over-offered', { spaceId: space.id, detail: to.email });
    });
  }

  /**
   * The host chooses the language their mails are written in, from a page behind one of their links (the
   * recipient is the space's host). Bookings hears the host's new language (space.host-changed with the same
   * host), so its next mail about the space's requests is in it, as is the mail of this change. False when the
   * space already spoke it.
   */
  async setHostLocale(spaceId: string, locale: Locale, recipient: string, by: Actor): Promise<boolean> {
    return this.spaces.transaction(async (em) => {
      const space = await this.spaces.locked(em, spaceId);
      if (!MANAGEABLE.includes(space.status) || space.hostEmail !== recipient) {
        throw new Conflict('This space is no longer hosted by this link’s recipient');
      }
      if (space.hostLocale === locale) return false;
      const now = new Date();
      space.hostLocale = locale;
      space.updatedAt = now;
      this.outbox.add(em, spaceUpdated, { ...spaceFacts(space), changed: ['hostLocale'] });
      this.outbox.add(em, spaceHostChanged, {
        spaceId: space.id,
        host: { name: space.hostName, email: space.hostEmail, locale },
        changedAt: now.toISOString(),
      });
      const lines = [{ field: 'Language', value: LOCALE_NAMES[locale] }];
      em.create(SpaceHistoryEntry, {
        id: randomUUID(),
        spaceId: space.id,
        at: now,
        byEmail: recipient,
        what: 'host_locale_changed',
        changes: lines,
        note: null,
      });
      // A host who has not confirmed their address yet hears next when the space is reviewed, in this language.
      if (space.status !== 'unverified') {
        const manage = this.manageLink(space);
        const change = { what: 'listing_changed' as const, changes: lines, by: recipient };
        this.outbox.add(em, notifyEmail, changedMail(space, change, manage));
      }
      this.actions.add(em, by, 'listing-edited', { spaceId: space.id, detail: 'hostLocale' });
      return true;
    });
  }

  /**
   * The colleague a space is offered to chooses the language of their mails before they take it over: kept
   * with the offer, it becomes the space's once they do.
   */
  async chooseTakeOverLocale(claims: LinkClaims, locale: Locale): Promise<void> {
    await this.spaces.transaction(async (em) => {
      const space = await this.spaces.locked(em, claims.subject);
      if (!offeredTo(space, claims)) throw new Conflict('This hand-over no longer applies');
      space.handOver = { ...space.handOver!, locale };
    });
  }

  /** The hand-over the link offers, when it still applies; otherwise why not. */
  async handOverOf(claims: LinkClaims): Promise<Space | ManageRefusal> {
    if (claims.action !== TAKE_OVER_SPACE) return 'invalid';
    const space = await this.spaces.byId(claims.subject);
    if (!space) return 'invalid';
    return offeredTo(space, claims) ? space : 'overtaken';
  }

  /**
   * The new host pressed the button of their link: they host the space from now on, and the old host's manage
   * links no longer open it. Null, changing nothing, when the link was used already.
   */
  async takeOver(claims: LinkClaims, by: Actor): Promise<Space | null> {
    return this.spaces.transaction(async (em) => {
      if (!(await this.links.consume(em, claims))) return null;
      const space = await this.spaces.locked(em, claims.subject);
      if (!offeredTo(space, claims)) throw new Conflict('This hand-over no longer applies');
      const before = { name: space.hostName, email: space.hostEmail };
      const beforeLocale = space.hostLocale;
      const now = new Date();
      space.hostName = space.handOver!.name;
      space.hostEmail = space.handOver!.email;
      const localeChanged = !!space.handOver!.locale && space.handOver!.locale !== space.hostLocale;
      space.hostLocale = space.handOver!.locale ?? space.hostLocale;
      space.handOver = null;
      space.updatedAt = now;
      const changed = ['hostName', 'hostEmail', ...(localeChanged ? ['hostLocale'] : [])];
      this.outbox.add(em, spaceUpdated, { ...spaceFacts(space), changed });
      this.outbox.add(em, spaceHostChanged, {
        spaceId: space.id,
        host: { name: space.hostName, email: space.hostEmail, locale: space.hostLocale },
        changedAt: now.toISOString(),
      });
      const lines = [{ field: 'Host', value: `${space.hostName} <${space.hostEmail}>` }];
      this.record(em, space, 'handed_over', lines, space.hostEmail, now);
      this.actions.add(em, by, 'space-taken-over', { spaceId: space.id, detail: before.email });
      this.outbox.add(
        em,
        notifyEmail,
        changedMail(
          space,
          { what: 'handed_over', changes: lines, by: space.hostEmail },
          null,
          before,
          beforeLocale,
        ),
      );
      return space;
    });
  }

  /**
   * The host retires the space: it leaves the map and is asked for nothing more; bookings hears of it
   * (space.retired) and runs the fallback protocol for each event the space held, as for a host's withdrawal.
   */
  async retire(claims: LinkClaims, by: Actor): Promise<Space> {
    return this.spaces.transaction(async (em) => {
      const space = await this.lockedFor(em, claims);
      this.retireLocked(em, space, claims.recipient);
      this.actions.add(em, by, 'space-retired-by-host', { spaceId: space.id });
      return space;
    });
  }

  /**
   * Retires every space the email hosts, as their host would on the manage page: an erasure ends what the
   * person had open. In the caller's transaction.
   */
  async retireAllOf(em: EntityManager, email: string): Promise<number> {
    const hosted = await this.spaces.hostedBy(email);
    for (const { id } of hosted) this.retireLocked(em, await this.spaces.locked(em, id), email);
    return hosted.length;
  }

  private retireLocked(em: EntityManager, space: Space, by: string): void {
    const now = new Date();
    space.status = 'retired';
    space.handOver = null;
    space.updatedAt = now;
    this.outbox.add(em, spaceRetired, {
      spaceId: space.id,
      country: space.country,
      pricingModel: space.pricingModel,
    });
    this.record(em, space, 'retired', [], by, now);
  }

  /**
   * An operator approves the host's change: the listing takes the values that waited. A space whose host
   * withdrew a pledge no longer meets the seed's rules, and is retired with it (its events move elsewhere).
   */
  async approveChange(id: string, by: Actor): Promise<Space> {
    return this.decide(id, by, (em, space, change, now) => {
      em.assign(space, change);
      space.updatedAt = now;
      this.outbox.add(em, spaceUpdated, { ...spaceFacts(space), changed: Object.keys(change) });
      if (!space.supportsFoss || !space.nonCommercialPledge) {
        this.retireLocked(em, space, this.env.OPERATOR_EMAIL);
      }
      return { what: 'change_approved', lines: describeChange(change, space) };
    });
  }

  /** An operator refuses the host's change, saying why: the listing keeps its values. */
  async rejectChange(id: string, reason: string, by: Actor): Promise<Space> {
    return this.decide(
      id,
      by,
      (_em, space, change) => ({ what: 'change_rejected', lines: describeChange(change, space) }),
      reason,
    );
  }

  private async decide(
    id: string,
    by: Actor,
    apply: (
      em: EntityManager,
      space: Space,
      change: Partial<SpaceColumns>,
      now: Date,
    ) => { what: MailedKind; lines: FieldChange[] },
    reason?: string,
  ): Promise<Space> {
    return this.spaces.transaction(async (em) => {
      const space = await this.spaces.locked(em, id);
      if (!space.pendingChange || space.status !== 'approved') {
        throw new Conflict('This space has no change waiting for review');
      }
      const now = new Date();
      const { what, lines } = apply(em, space, space.pendingChange, now);
      space.pendingChange = null;
      space.pendingChangeBy = null;
      space.pendingChangeAt = null;
      // The host's history and mail name the operators, not one of them; the record names who decided.
      this.record(em, space, what, lines, this.env.OPERATOR_EMAIL, now, reason);
      const action = what === 'change_approved' ? 'change-approved' : 'change-rejected';
      this.actions.add(em, by, action, { spaceId: space.id, detail: reason ?? null });
      return space;
    });
  }

  private async lockedFor(em: EntityManager, claims: LinkClaims): Promise<Space> {
    const space = await this.spaces.locked(em, claims.subject);
    if (!manageable(space, claims)) throw new Conflict('This space is no longer managed through this link');
    return space;
  }

  /** The change's line in the history, and the host's mail of it. */
  private record(
    em: EntityManager,
    space: Space,
    what: MailedKind,
    changes: FieldChange[],
    by: string,
    at: Date,
    reason?: string,
  ): void {
    em.create(SpaceHistoryEntry, {
      id: randomUUID(),
      spaceId: space.id,
      at,
      byEmail: by,
      what,
      changes,
      note: reason ?? null,
    });
    const manage = space.status === 'retired' ? null : this.manageLink(space);
    this.outbox.add(
      em,
      notifyEmail,
      changedMail(space, { what, changes, by, ...(reason ? { reason } : {}) }, manage),
    );
  }

  private manageLink(space: Space) {
    return manageSpaceLink(this.links, { spaceId: space.id, hostEmail: space.hostEmail });
  }
}

function offeredTo(space: Space, claims: LinkClaims): boolean {
  return MANAGEABLE.includes(space.status) && space.handOver?.email === claims.recipient;
}

function manageable(space: Space, claims: LinkClaims): boolean {
  return MANAGEABLE.includes(space.status) && space.hostEmail === claims.recipient;
}
