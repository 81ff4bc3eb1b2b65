// What a host's edit changes, split as the review needs it: fields operators reviewed (name, address and
// location, pricing model, the eligibility pledges) wait for an operator while the listing keeps its approved
// values; the rest applies at once. A space not yet approved has its review still to come, so everything applies at once there.
import type { FieldChange } from '../spaces/space-history.entity';
import { columnsOf, currentFields } from '../spaces/space-columns';
import type { UpdateSpace } from '../spaces/space.dto';
import type { Space, SpaceColumns } from '../spaces/space.entity';

type Column = keyof SpaceColumns;

export const REVIEWED_COLUMNS: readonly Column[] = [
  'name',
  'address',
  'city',
  'latitude',
  'longitude',
  'pricingModel',
  'supportsFoss',
  'nonCommercialPledge',
];
/** A price belongs with its model: a free space that becomes paid keeps no price until that is approved. */
const PRICE_COLUMNS: readonly Column[] = ['priceAmount', 'priceCurrency', 'pricePer'];

export interface ListingChange {
  immediate: Partial<SpaceColumns>;
  reviewed: Partial<SpaceColumns>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The seed's two pledges, as the host ticks them. */
export type Pledges = Pick<SpaceColumns, 'supportsFoss' | 'nonCommercialPledge'>;

export function listingChange(space: Space, listing: UpdateSpace, pledges?: Pledges): ListingChange {
  const { host, ...fields } = listing;
  const columns: Partial<SpaceColumns> = columnsOf({ ...currentFields(space), ...fields });
  if (host) columns.hostName = host.name;
  if (pledges) Object.assign(columns, pledges);
  const changed = (Object.keys(columns) as Column[]).filter((key) => !same(columns[key], space[key]));
  const pick = (keys: Column[]) => Object.fromEntries(keys.map((key) => [key, columns[key]]));
  if (space.status !== 'approved') return { immediate: pick(changed), reviewed: {} };
  const modelChanges = changed.includes('pricingModel');
  const waits = (key: Column) =>
    REVIEWED_COLUMNS.includes(key) || (modelChanges && PRICE_COLUMNS.includes(key));
  const reviewed = changed.filter(waits);
  if (modelChanges) reviewed.push(...PRICE_COLUMNS.filter((key) => !reviewed.includes(key)));
  return { immediate: pick(changed.filter((key) => !waits(key))), reviewed: pick(reviewed) };
}

const rate = (amount: unknown, currency: unknown, per: unknown) =>
  amount === null || amount === undefined
    ? 'none'
    : `${String(amount)} ${String(currency)} per ${String(per)}`;

/** The change as the host reads it in the history and the mail: one line a field, with its new value. */
export function describeChange(change: Partial<SpaceColumns>, space: Space): FieldChange[] {
  const value = <K extends Column>(key: K): SpaceColumns[K] =>
    (key in change ? change[key] : space[key]) as SpaceColumns[K];
  const has = (...keys: Column[]) => keys.some((key) => key in change);
  const lines: FieldChange[] = [];
  if (has('name')) lines.push({ field: 'Name', value: value('name') });
  if (has('description')) lines.push({ field: 'Description', value: value('description') || '(none)' });
  if (has('address', 'city')) {
    lines.push({ field: 'Address', value: `${value('address')}, ${value('city')}` });
  }
  if (has('latitude', 'longitude')) {
    lines.push({ field: 'Location', value: `${value('latitude')}, ${value('longitude')}` });
  }
  if (has('capacity')) lines.push({ field: 'Capacity', value: `${value('capacity')} people` });
  if (has('amenities')) lines.push({ field: 'Amenities', value: value('amenities').join(', ') });
  if (has('pricingModel', ...PRICE_COLUMNS)) {
    lines.push({
      field: 'Price',
      value:
        value('pricingModel') === 'free'
          ? 'free'
          : rate(value('priceAmount'), value('priceCurrency'), value('pricePer')),
    });
  }
  if (has('marketRateAmount', 'marketRateCurrency', 'marketRatePer')) {
    lines.push({
      field: 'Market rate',
      value: rate(value('marketRateAmount'), value('marketRateCurrency'), value('marketRatePer')),
    });
  }
  if (has('hostName')) lines.push({ field: 'Contact name', value: value('hostName') });
  const yesNo = (yes: boolean) => (yes ? 'yes' : 'no');
  if (has('supportsFoss')) {
    lines.push({ field: 'Supports FOSS and FOSS events', value: yesNo(value('supportsFoss')) });
  }
  if (has('nonCommercialPledge')) {
    lines.push({
      field: 'Pledges not to commercialise FOSS activities',
      value: yesNo(value('nonCommercialPledge')),
    });
  }
  return lines;
}
