// Registering spaces and the operators' review: each change and the event it causes commit together.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Environment } from '@cocomo/config';
import {
  notifyEmail,
  spaceApproved,
  spaceRegistered,
  spaceRejected,
  spaceHostChanged,
  spaceRetired,
  spaceUpdated,
  spaceVerified,
} from '@cocomo/contracts';
import { ActionLinks, manageSpaceLink, type LinkClaims } from '@cocomo/links';
import { Outbox } from '@cocomo/messaging';
import { ActionRecord, Conflict, ENVIRONMENT, InvalidInput, type Actor } from '@cocomo/platform';
import { approvedMail, rejectedMail, reviewNeededMail, verifyMail } from '../verification/space-mails';
import { eligibilityProblems } from './eligibility';
import { ReviewDecision, type ReviewOutcome } from './review-decision.entity';
import type { RegisterSpace, UpdateSpace } from './space.dto';
import { Space } from './space.entity';
import { SpaceRepository } from './space.repository';
import { columnsOf, currentFields } from './space-columns';
import { spaceFacts } from './space-facts';
import { canReview, reviewRefusal, type ReviewAction } from './space-status';

export const VERIFY_SPACE = 'verify-space';
export const SPACE_ACTIONS_PATH = '/actions/spaces';

/** Demo data is registered through the same calls, without mailing made-up hosts. */
export interface Quietly {
  quiet?: boolean;
}

/** A person's review action is kept on the record with them; demo data's is nobody's. */
export interface ReviewedBy extends Quietly {
  by?: Actor;
}

@Injectable()
export class SpacesService {
  constructor(
    private readonly spaces: SpaceRepository,
    private readonly outbox: Outbox,
    private readonly links: ActionLinks,
    private readonly record: ActionRecord,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  async register(input: RegisterSpace, { quiet }: Quietly = {}): Promise<Space> {
    return this.spaces.transaction(async (em) => {
      const now = new Date();
      const space = em.create(Space, {
        id: randomUUID(),
        ...columnsOf(input),
        hostName: input.host.name,
        hostEmail: input.host.email,
        hostLocale: input.locale ?? 'en',
        supportsFoss: input.eligibility.supportsFoss,
        nonCommercialPledge: input.eligibility.nonCommercialPledge,
        status: 'unverified',
        createdAt: now,
        updatedAt: now,
      });
      this.outbox.add(em, spaceRegistered, {
        ...spaceFacts(space),
        host: { name: space.hostName, email: space.hostEmail },
      });
      if (!quiet) {
        const link = this.links.issue(SPACE_ACTIONS_PATH, {
          subject: space.id,
          action: VERIFY_SPACE,
          recipient: space.hostEmail,
        });
        this.outbox.add(em, notifyEmail, verifyMail(space, link));
      }
      return space;
    });
  }

  /**
   * The host pressed the button of their verification link: the link is used up and the space waits for
   * review, in one transaction. Returns null, changing nothing, when the link was used already.
   */
  async verify(claims: LinkClaims, by: Actor): Promise<Space | null> {
    return this.spaces.transaction(async (em) => {
      if (!(await this.links.consume(em, claims))) return null;
      const space = await this.lockedForReview(em, claims.subject, 'verify');
      if (space.hostEmail !== claims.recipient) throw new Conflict('The host of this space has changed');
      this.markVerified(em, space, {});
      this.record.add(em, by, 'space-verified', { spaceId: space.id });
      return space;
    });
  }

  /** Demo data only: a space as if its host had pressed the verification link. */
  async verifyWithoutLink(id: string): Promise<Space> {
    return this.spaces.transaction(async (em) => {
      const space = await this.lockedForReview(em, id, 'verify');
      this.markVerified(em, space, { quiet: true });
      return space;
    });
  }

  async find(id: string): Promise<Space> {
    return this.spaces.get(id);
  }

  async approve(id: string, { quiet, by }: ReviewedBy = {}): Promise<Space> {
    return this.review(id, 'approve', (em, space) => {
      if (by) this.record.add(em, by, 'space-approved', { spaceId: space.id });
      space.status = 'approved';
      space.approvedAt = new Date();
      this.outbox.add(em, spaceApproved, {
        ...spaceFacts(space),
        approvedAt: space.approvedAt.toISOString(),
      });
      if (!quiet) {
        const manage = manageSpaceLink(this.links, { spaceId: space.id, hostEmail: space.hostEmail });
        this.outbox.add(em, notifyEmail, approvedMail(space, this.env.PUBLIC_BASE_URL, manage));
      }
      return { outcome: 'approved' };
    });
  }

  async reject(id: string, reason: string, by: Actor): Promise<Space> {
    return this.review(id, 'reject', (em, space) => {
      this.record.add(em, by, 'space-rejected', { spaceId: space.id, detail: reason });
      space.status = 'rejected';
      space.rejectionReason = reason;
      this.outbox.add(em, spaceRejected, {
        spaceId: space.id,
        name: space.name,
        reason,
        host: { name: space.hostName, email: space.hostEmail },
      });
      this.outbox.add(em, notifyEmail, rejectedMail(space, reason));
      return { outcome: 'rejected', reason };
    });
  }

  async retire(id: string, by: Actor): Promise<Space> {
    return this.review(id, 'retire', (em, space) => {
      this.record.add(em, by, 'space-retired', { spaceId: space.id });
      space.status = 'retired';
      this.outbox.add(em, spaceRetired, {
        spaceId: space.id,
        country: space.country,
        pricingModel: space.pricingModel,
      });
      return { outcome: 'retired' };
    });
  }

  async update(id: string, changes: UpdateSpace, by: Actor): Promise<Space> {
    return this.review(id, 'update', (em, space) => {
      const { host, ...fields } = changes;
      const columns = columnsOf({ ...currentFields(space), ...fields });
      if (host) Object.assign(columns, { hostName: host.name, hostEmail: host.email });
      const changed = Object.keys(columns).filter(
        (key) =>
          JSON.stringify(columns[key as keyof typeof columns]) !== JSON.stringify(space[key as keyof Space]),
      );
      const problems = eligibilityProblems({
        capacity: columns.capacity,
        amenities: columns.amenities,
        eligibility: { supportsFoss: space.supportsFoss, nonCommercialPledge: space.nonCommercialPledge },
      });
      if (columns.pricingModel === 'paid' && columns.marketRateAmount === null) {
        problems.push({ field: 'marketRate', problem: 'is required for a paid space' });
      }
      if (problems.length) throw new InvalidInput(problems);
      em.assign(space, columns);
      this.outbox.add(em, spaceUpdated, { ...spaceFacts(space), changed });
      this.record.add(em, by, 'space-edited', { spaceId: space.id, detail: changed.join(', ') || null });
      if (changed.includes('hostName') || changed.includes('hostEmail')) {
        this.outbox.add(em, spaceHostChanged, {
          spaceId: space.id,
          host: { name: space.hostName, email: space.hostEmail },
          changedAt: new Date().toISOString(),
        });
      }
      return null;
    });
  }

  /** Loads the space under a row lock, checks the action is allowed from its status, applies it. */
  private async review(
    id: string,
    action: ReviewAction,
    apply: (em: EntityManager, space: Space) => { outcome: ReviewOutcome; reason?: string } | null,
  ): Promise<Space> {
    return this.spaces.transaction(async (em) => {
      const space = await this.lockedForReview(em, id, action);
      const decision = apply(em, space);
      space.updatedAt = new Date();
      if (decision) {
        em.create(ReviewDecision, {
          id: randomUUID(),
          spaceId: space.id,
          outcome: decision.outcome,
          reason: decision.reason ?? null,
          decidedAt: space.updatedAt,
        });
      }
      return space;
    });
  }

  private markVerified(em: EntityManager, space: Space, { quiet }: Quietly): void {
    space.status = 'pending_review';
    space.updatedAt = new Date();
    this.outbox.add(em, spaceVerified, { spaceId: space.id, verifiedAt: space.updatedAt.toISOString() });
    if (!quiet) {
      this.outbox.add(em, notifyEmail, reviewNeededMail(space, this.env));
    }
  }

  private async lockedForReview(em: EntityManager, id: string, action: ReviewAction): Promise<Space> {
    const space = await this.spaces.locked(em, id);
    if (!canReview(action, space.status)) throw new Conflict(reviewRefusal(action, space.status));
    return space;
  }
}
