// "Send me the link": a page where a person types their email and is mailed a link (to manage their spaces, to
// their data). Each such page answers the same whether or not CoCoMo knows the address, so that it tells no one
// who is known, and is limited twice: per client address (the route's own write limit, LINKS_PER_ADDRESS) and
// per email (LINKS_PER_EMAIL, counted in Redis with every other public limit, under a hash of the email), so that
// it can be used neither to flood a mailbox nor to probe addresses.
import { createHash } from 'node:crypto';
import type { OnModuleDestroy } from '@nestjs/common';
import { z } from 'zod';
import type { Environment } from '@cocomo/config';
import { SharedRequestCounts } from './public-request-limits';

/** The period both limits count over. */
export const LINK_REQUESTS_PERIOD_MS = 3_600_000;
/** Requests for a link one client address may make an hour, whichever emails it types. */
export const LINKS_PER_ADDRESS = 10;
/** Links one email may be sent an hour, from whichever addresses they are asked. */
export const LINKS_PER_EMAIL = 3;

const email = z
  .string()
  .trim()
  .toLowerCase()
  .email('must be an email address, such as asha@example.org')
  .max(320);

/** What became of a request: a link to send to `email`, an email refused, or one asked for too often. */
export type LinkRequest =
  | { outcome: 'send'; typed: string; email: string }
  | { outcome: 'invalid'; typed: string; problem: string }
  | { outcome: 'too many'; typed: string; retryAfterSeconds: number };

export class MailedLinkRequests implements OnModuleDestroy {
  private readonly counts: SharedRequestCounts;

  /** `kind` names the page's count in Redis ("manage-link"), apart from every other page's. */
  constructor(
    env: Pick<Environment, 'REDIS_URL' | 'QUEUE_PREFIX'>,
    private readonly kind: string,
  ) {
    this.counts = new SharedRequestCounts(env);
  }

  /** The posted form's email, checked, and counted against its limit when it is one. */
  async ask(body: Record<string, unknown> | undefined): Promise<LinkRequest> {
    const typed = typeof body?.email === 'string' ? body.email : '';
    const parsed = email.safeParse(typed);
    if (!parsed.success) {
      return { outcome: 'invalid', typed, problem: parsed.error.issues[0]?.message ?? 'is not valid' };
    }
    const key = `${this.kind}:${createHash('sha256').update(parsed.data).digest('hex')}`;
    const period = LINK_REQUESTS_PERIOD_MS;
    const count = await this.counts.increment(key, period, LINKS_PER_EMAIL, period, this.kind);
    if (count.isBlocked) return { outcome: 'too many', typed, retryAfterSeconds: count.timeToBlockExpire };
    return { outcome: 'send', typed, email: parsed.data };
  }

  onModuleDestroy(): void {
    this.counts.onModuleDestroy();
  }
}
