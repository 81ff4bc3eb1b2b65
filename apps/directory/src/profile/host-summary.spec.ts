import { nextSummary, summaryFrom } from './host-summary';

describe('the next yearly summary', () => {
  it('is the month-day at nine in the space’s zone, this year while it is ahead', () => {
    const next = nextSummary('01-15', 'Europe/Berlin', new Date('2027-01-10T12:00:00Z'));
    expect(next).toEqual({ dueAt: new Date('2027-01-15T08:00:00Z'), year: 2027 });
  });

  it('is next year’s once this year’s has passed, in the zone’s own time', () => {
    const next = nextSummary('01-15', 'America/Sao_Paulo', new Date('2027-01-15T12:30:00Z'));
    expect(next).toEqual({ dueAt: new Date('2028-01-15T12:00:00Z'), year: 2028 });
  });

  it('follows the zone’s summer time', () => {
    const next = nextSummary('07-01', 'Europe/Berlin', new Date('2027-03-01T00:00:00Z'));
    expect(next.dueAt).toEqual(new Date('2027-07-01T07:00:00Z'));
  });

  it('counts the twelve months before it', () => {
    expect(summaryFrom(new Date('2027-01-15T08:00:00Z'))).toEqual(new Date('2026-01-15T08:00:00Z'));
  });
});
