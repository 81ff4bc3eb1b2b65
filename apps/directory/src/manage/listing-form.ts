// The listing as the manage page's form sends it: every field a line of text. Read into the API's shape and
// checked by the same rules as an operator's change, with each problem named by the form's own field, so the
// page shows it beside that field with what was typed.
import type { Problem } from '@cocomo/platform';
import { eligibilityProblems } from '../spaces/eligibility';
import { updateSpaceSchema, type UpdateSpace } from '../spaces/space.dto';
import type { Space } from '../spaces/space.entity';
import type { Pledges } from './listing-change';

/** The fields of the listing form, in the form's order. */
export const LISTING_FIELDS = [
  'name',
  'description',
  'address',
  'city',
  'latitude',
  'longitude',
  'capacity',
  'amenities',
  'pricingModel',
  'priceAmount',
  'priceCurrency',
  'pricePer',
  'marketRateAmount',
  'marketRateCurrency',
  'marketRatePer',
  'hostName',
  'supportsFoss',
  'nonCommercialPledge',
] as const;
export type ListingField = (typeof LISTING_FIELDS)[number];
export type ListingForm = Record<ListingField, string>;

/** The API's path of a field → the form's field that holds it. */
const FORM_FIELD: Record<string, ListingField> = {
  pricing: 'pricingModel',
  'pricing.model': 'pricingModel',
  'pricing.amount': 'priceAmount',
  'pricing.currency': 'priceCurrency',
  'pricing.per': 'pricePer',
  marketRate: 'marketRateAmount',
  'marketRate.amount': 'marketRateAmount',
  'marketRate.currency': 'marketRateCurrency',
  'marketRate.per': 'marketRatePer',
  'host.name': 'hostName',
  'eligibility.supportsFoss': 'supportsFoss',
  'eligibility.nonCommercialPledge': 'nonCommercialPledge',
};

function formFieldOf(path: (string | number)[]): ListingField {
  const dotted = path.join('.');
  if (FORM_FIELD[dotted]) return FORM_FIELD[dotted];
  const first = String(path[0]);
  return (LISTING_FIELDS as readonly string[]).includes(first) ? (first as ListingField) : 'name';
}

/** What a post holds, as text; a crafted post's lists or nested fields read as nothing typed. */
export function typedListing(body: Record<string, unknown>): ListingForm {
  return Object.fromEntries(
    LISTING_FIELDS.map((field) => [field, typeof body[field] === 'string' ? body[field].trim() : '']),
  ) as ListingForm;
}

/** The form as the space is now, for the page to show. */
export function listingFormOf(space: Space): ListingForm {
  const text = (value: number | string | null) => (value === null ? '' : String(value));
  return {
    name: space.name,
    description: space.description,
    address: space.address,
    city: space.city,
    latitude: String(space.latitude),
    longitude: String(space.longitude),
    capacity: String(space.capacity),
    amenities: space.amenities.join(', '),
    pricingModel: space.pricingModel,
    priceAmount: text(space.priceAmount),
    priceCurrency: text(space.priceCurrency),
    pricePer: text(space.pricePer),
    marketRateAmount: text(space.marketRateAmount),
    marketRateCurrency: text(space.marketRateCurrency),
    marketRatePer: text(space.marketRatePer),
    hostName: space.hostName,
    supportsFoss: space.supportsFoss ? 'yes' : '',
    nonCommercialPledge: space.nonCommercialPledge ? 'yes' : '',
  };
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * The listing the host typed, in the API's shape with the pledges ticked, or every problem with it. A listed
 * space may withdraw a pledge (operators review that, and a space without both leaves the directory); one not
 * yet approved must keep both, as at registration.
 */
export function parseListing(
  form: ListingForm,
  space: Pick<Space, 'hostEmail' | 'status'>,
): { listing: UpdateSpace; pledges: Pledges } | { problems: Problem[] } {
  const pledges: Pledges = {
    supportsFoss: form.supportsFoss === 'yes',
    nonCommercialPledge: form.nonCommercialPledge === 'yes',
  };
  const problems: Problem[] = [];
  const number = (field: ListingField): number => {
    if (!NUMBER.test(form[field])) {
      problems.push({ field, code: 'not_a_number', problem: 'must be a number, such as 52.52' });
      return 0;
    }
    return Number(form[field]);
  };
  const rateTyped = form.marketRateAmount !== '';
  const candidate = {
    name: form.name,
    description: form.description,
    address: form.address,
    city: form.city,
    latitude: number('latitude'),
    longitude: number('longitude'),
    capacity: number('capacity'),
    amenities: form.amenities
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
    pricing:
      form.pricingModel === 'paid'
        ? {
            model: 'paid',
            amount: number('priceAmount'),
            currency: form.priceCurrency.toUpperCase(),
            per: form.pricePer,
          }
        : { model: form.pricingModel },
    ...(rateTyped
      ? {
          marketRate: {
            amount: number('marketRateAmount'),
            currency: form.marketRateCurrency.toUpperCase(),
            per: form.marketRatePer,
          },
        }
      : {}),
    host: { name: form.hostName, email: space.hostEmail },
  };
  const parsed = updateSpaceSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = formFieldOf(issue.path);
      if (problems.some((known) => known.field === field)) continue;
      problems.push({ field, code: issue.code, problem: issue.message });
    }
  }
  const listing = parsed.success ? parsed.data : undefined;
  if (listing) {
    problems.push(
      ...eligibilityProblems({
        capacity: listing.capacity!,
        amenities: listing.amenities!,
        eligibility:
          space.status === 'approved' ? { supportsFoss: true, nonCommercialPledge: true } : pledges,
      }).map((problem) => ({ ...problem, field: formFieldOf(problem.field.split('.')) })),
    );
    if (listing.pricing?.model === 'paid' && !listing.marketRate) {
      problems.push({
        field: 'marketRateAmount',
        code: 'required',
        problem: 'is required for a paid space: what renting it would cost',
      });
    }
  }
  if (problems.length || !listing) return { problems };
  return { listing, pledges };
}
