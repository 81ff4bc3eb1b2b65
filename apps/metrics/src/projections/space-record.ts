// One space as the metrics see it: where it is, free or paid, and when it was approved and retired. Folded from
// the directory's events in the order they happened.
import {
  spaceApproved,
  spaceRetired,
  type PricingModel,
  type Rate,
  type SpaceApproved,
  type SpaceFacts,
  type SpaceRetired,
} from '@cocomo/contracts';
import type { LoggedEvent } from './booking-record';

/** The names of the catalogue's events about spaces begin so: a space's record is folded from these. */
export const SPACE_EVENTS = 'space.';

export interface SpaceRecord {
  spaceId: string;
  country: string | null;
  pricingModel: PricingModel | null;
  marketRate: Rate | null;
  approvedAt: string | null;
  retiredAt: string | null;
}

function happenedAt(event: LoggedEvent): string {
  const payload = event.payload as Partial<SpaceApproved>;
  return payload.approvedAt ?? event.occurredAt;
}

export function foldSpace(events: LoggedEvent[]): SpaceRecord | undefined {
  let record: SpaceRecord | undefined;
  const ordered = [...events]
    .filter((event) => event.name.startsWith(SPACE_EVENTS))
    .sort((a, b) => Date.parse(happenedAt(a)) - Date.parse(happenedAt(b)) || a.name.localeCompare(b.name));
  for (const event of ordered) {
    const payload = event.payload as Partial<SpaceFacts> & { spaceId: string };
    record ??= {
      spaceId: payload.spaceId,
      country: null,
      pricingModel: null,
      marketRate: null,
      approvedAt: null,
      retiredAt: null,
    };
    if (payload.country) record.country = payload.country;
    if (payload.pricingModel) record.pricingModel = payload.pricingModel;
    if (payload.marketRate !== undefined) record.marketRate = payload.marketRate;
    switch (event.name) {
      case spaceApproved.name:
        record.approvedAt = happenedAt(event);
        record.retiredAt = null;
        break;
      case spaceRetired.name: {
        const retired = payload as unknown as SpaceRetired;
        record.retiredAt = event.occurredAt;
        record.country = retired.country ?? record.country;
        break;
      }
    }
  }
  return record;
}
