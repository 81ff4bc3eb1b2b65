// Registering spaces and the operators' review: each change and the event it causes commit together.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Environment } from '@cocomo/config';
import {
  notifyEmail,
  spaceApproved,
  spaceRegistered,
  spaceRejected,
  spaceRetired,
  spaceUpdated,
  spaceVerified,
} from '@cocomo/contracts';
import { ActionLinks, type LinkClaims } from '@cocomo/links';
import { Outbox } from '@cocomo/messaging';
import { Conflict, ENVIRONMENT, InvalidInput, NotFound } from '@cocomo/platform';
import { approvedMail, rejectedMail, reviewNeededMail, verifyMail } from '../verification/space-mails';
import { eligibilityProblems } from './eligibility';
import { ReviewDecision, type ReviewOutcome } from './review-decision.entity';
import type { RegisterSpace, UpdateSpace } from './space.dto';
import { Space } from './space.entity';
import { spaceFacts } from './space-facts';
import { canReview, reviewRefusal, type ReviewAction } from './space-status';

export const VERIFY_SPACE = 'verify-space';
export const SPACE_ACTIONS_PATH = '/actions/spaces';

/** Demo data is registered through the same calls, without mailing made-up hosts. */
export interface Quietly {
  quiet?: boolean;
}

@Injectable()
export class SpacesService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: Outbox,
    private readonly links: ActionLinks,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  async register(input: RegisterSpace, { quiet }: Quietly = {}): Promise<Space> {
    return this.em.transactional(async (em) => {
      const now = new Date();
      const space = em.create(Space, {
        id: randomUUID(),
        ...this.columnsOf(input),
        hostName: input.host.name,
        hostEmail: input.host.email,
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
  async verify(claims: LinkClaims): Promise<Space | null> {
    return this.em.transactional(async (em) => {
      if (!(await this.links.consume(em, claims))) return null;
      const space = await this.lockedForReview(em, claims.subject, 'verify');
      if (space.hostEmail !== claims.recipient) throw new Conflict('The host of this space has changed');
      this.markVerified(em, space, {});
      return space;
    });
  }

  /** Demo data only: a space as if its host had pressed the verification link. */
  async verifyWithoutLink(id: string): Promise<Space> {
    return this.em.transactional(async (em) => {
      const space = await this.lockedForReview(em, id, 'verify');
      this.markVerified(em, space, { quiet: true });
      return space;
    });
  }

  async find(id: string): Promise<Space> {
    const space = await this.em.findOne(Space, { id });
    if (!space) throw new NotFound('Space', id);
    return space;
  }

  async approve(id: string, { quiet }: Quietly = {}): Promise<Space> {
    return this.review(id, 'approve', (em, space) => {
      space.status = 'approved';
      space.approvedAt = new Date();
      this.outbox.add(em, spaceApproved, {
        ...spaceFacts(space),
        approvedAt: space.approvedAt.toISOString(),
      });
      if (!quiet) this.outbox.add(em, notifyEmail, approvedMail(space, this.env.PUBLIC_BASE_URL));
      return { outcome: 'approved' };
    });
  }

  async reject(id: string, reason: string): Promise<Space> {
    return this.review(id, 'reject', (em, space) => {
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

  async retire(id: string): Promise<Space> {
    return this.review(id, 'retire', (em, space) => {
      space.status = 'retired';
      this.outbox.add(em, spaceRetired, {
        spaceId: space.id,
        country: space.country,
        pricingModel: space.pricingModel,
      });
      return { outcome: 'retired' };
    });
  }

  async update(id: string, changes: UpdateSpace): Promise<Space> {
    return this.review(id, 'update', (em, space) => {
      const { host, ...fields } = changes;
      const columns = this.columnsOf({ ...this.currentFields(space), ...fields });
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
      return null;
    });
  }

  /** Loads the space under a row lock, checks the action is allowed from its status, applies it. */
  private async review(
    id: string,
    action: ReviewAction,
    apply: (em: EntityManager, space: Space) => { outcome: ReviewOutcome; reason?: string } | null,
  ): Promise<Space> {
    return this.em.transactional(async (em) => {
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
      this.outbox.add(
        em,
        notifyEmail,
        reviewNeededMail(space, this.env.OPERATOR_EMAIL, this.env.PUBLIC_BASE_URL),
      );
    }
  }

  private async lockedForReview(em: EntityManager, id: string, action: ReviewAction): Promise<Space> {
    const space = await em.findOne(Space, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!space) throw new NotFound('Space', id);
    if (!canReview(action, space.status)) throw new Conflict(reviewRefusal(action, space.status));
    return space;
  }

  private currentFields(space: Space): Omit<Required<UpdateSpace>, 'host'> {
    return {
      name: space.name,
      kind: space.kind,
      description: space.description,
      address: space.address,
      city: space.city,
      country: space.country,
      latitude: space.latitude,
      longitude: space.longitude,
      timezone: space.timezone,
      capacity: space.capacity,
      amenities: space.amenities,
      pricing:
        space.pricingModel === 'free'
          ? { model: 'free' }
          : {
              model: 'paid',
              amount: space.priceAmount!,
              currency: space.priceCurrency!,
              per: space.pricePer!,
            },
      marketRate:
        space.marketRateAmount === null
          ? undefined!
          : {
              amount: space.marketRateAmount,
              currency: space.marketRateCurrency!,
              per: space.marketRatePer!,
            },
    };
  }

  private columnsOf(input: Omit<RegisterSpace, 'host' | 'eligibility'>) {
    const paid = input.pricing.model === 'paid' ? input.pricing : null;
    return {
      name: input.name,
      kind: input.kind,
      description: input.description,
      address: input.address,
      city: input.city,
      country: input.country,
      latitude: input.latitude,
      longitude: input.longitude,
      timezone: input.timezone,
      capacity: input.capacity,
      amenities: input.amenities,
      pricingModel: input.pricing.model,
      priceAmount: paid?.amount ?? null,
      priceCurrency: paid?.currency ?? null,
      pricePer: paid?.per ?? null,
      marketRateAmount: input.marketRate?.amount ?? null,
      marketRateCurrency: input.marketRate?.currency ?? null,
      marketRatePer: input.marketRate?.per ?? null,
    };
  }
}
