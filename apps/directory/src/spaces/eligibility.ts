// The seed's eligibility rules for a space: it supports FOSS and FOSS events, pledges not to commercialise
// FOSS activities, and has the basic resources to run an event. There is no upper size limit, and paid and
// free spaces are both welcome.
import type { Problem } from '@cocomo/platform';

export interface EligibilityFacts {
  capacity: number;
  amenities: string[];
  eligibility: { supportsFoss: boolean; nonCommercialPledge: boolean };
}

export function eligibilityProblems(facts: EligibilityFacts): Problem[] {
  const problems: Problem[] = [];
  if (facts.eligibility.supportsFoss !== true) {
    problems.push({
      field: 'eligibility.supportsFoss',
      problem: 'must be true: CoCoMo lists spaces that support FOSS and FOSS events',
    });
  }
  if (facts.eligibility.nonCommercialPledge !== true) {
    problems.push({
      field: 'eligibility.nonCommercialPledge',
      problem: 'must be true: hosts pledge not to commercialise FOSS activities',
    });
  }
  if (!(facts.capacity >= 1)) {
    problems.push({ field: 'capacity', problem: 'must be at least 1: a space needs room for an event' });
  }
  if (facts.amenities.length < 1) {
    problems.push({
      field: 'amenities',
      problem:
        'must list at least one amenity (for example wifi, projector): the basic resources for an event',
    });
  }
  return problems;
}
