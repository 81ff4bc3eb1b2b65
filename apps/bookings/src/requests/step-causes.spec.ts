import { translate } from '@cocomo/i18n';
import { stepKey } from './step-causes';

describe("the steps of a booking's history on its status page", () => {
  it.each([
    ['requested', 'requested'],
    ['candidates ranked', 'candidatesRanked'],
    ['host declined (closed); 2 other times offered', 'hostDeclined'],
    ['host silent; escalated; no candidate left', 'hostSilent'],
    ['late denial by the host; urgent: 3 spaces asked at once', 'lateDenial'],
    ['the time offered (7f0c) was booked meanwhile', 'offerBookedMeanwhile'],
    ["the series' host did not take this date", 'seriesHostLeft'],
    ['cancelled by the operator', 'cancelledByOperator'],
  ])('"%s" is said by its main step, %s', (cause, key) => {
    expect(stepKey(cause)).toBe(key);
    expect(translate('de', `bookings:step.${key}`)).not.toBe(translate('en', `bookings:step.${key}`));
  });

  it('a step the page does not know has no key (the page names the state it moved to)', () => {
    expect(stepKey('something new')).toBeUndefined();
  });
});
