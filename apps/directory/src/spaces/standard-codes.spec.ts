import { isCountryCode, isCurrencyCode, isTimeZone } from './standard-codes';

describe('standard codes', () => {
  it.each([
    ['DE', true],
    ['IN', true],
    ['KE', true],
    ['XX', false],
    ['de', false],
    ['DEU', false],
  ])('country %s: %s', (code, valid) => expect(isCountryCode(code)).toBe(valid));

  it.each([
    ['EUR', true],
    ['INR', true],
    ['XYZ', false],
    ['eur', false],
  ])('currency %s: %s', (code, valid) => expect(isCurrencyCode(code)).toBe(valid));

  it.each([
    ['Europe/Berlin', true],
    ['Asia/Kolkata', true],
    ['Asia/Calcutta', true],
    ['America/Argentina/Buenos_Aires', true],
    ['UTC', true],
    ['Mars/Olympus', false],
    ['+05:30', false],
    ['', false],
  ])('time zone %s: %s', (zone, valid) => expect(isTimeZone(zone)).toBe(valid));
});
