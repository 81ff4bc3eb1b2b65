import { eligibilityProblems } from './eligibility';

const eligible = {
  capacity: 30,
  amenities: ['wifi'],
  eligibility: { supportsFoss: true, nonCommercialPledge: true },
};

describe('eligibility, as the seed states it', () => {
  it('accepts a space that supports FOSS, pledges not to commercialise it and has basic resources', () => {
    expect(eligibilityProblems(eligible)).toEqual([]);
  });

  it('has no upper size limit', () => {
    expect(eligibilityProblems({ ...eligible, capacity: 100_000 })).toEqual([]);
  });

  it.each([
    [
      'does not support FOSS',
      { eligibility: { supportsFoss: false, nonCommercialPledge: true } },
      'eligibility.supportsFoss',
    ],
    [
      'does not pledge',
      { eligibility: { supportsFoss: true, nonCommercialPledge: false } },
      'eligibility.nonCommercialPledge',
    ],
    ['has no room', { capacity: 0 }, 'capacity'],
    ['declares no amenity', { amenities: [] }, 'amenities'],
  ])('refuses a space that %s', (_situation, change, field) => {
    const problems = eligibilityProblems({ ...eligible, ...change });
    expect(problems.map((p) => p.field)).toEqual([field]);
    expect(problems[0].problem).toMatch(/must/);
  });
});
