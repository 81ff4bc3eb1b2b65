// The standard codes a space is described with: ISO 3166-1 countries, ISO 4217 currencies, IANA time zones.
import countries from 'i18n-iso-countries';

export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

const currencies = new Set(Intl.supportedValuesOf('currency'));
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && currencies.has(code);
}

const zones = new Set(Intl.supportedValuesOf('timeZone'));
export function isTimeZone(zone: string): boolean {
  if (zones.has(zone) || zone === 'UTC') return true;
  // Older names (Asia/Calcutta) are still IANA zones; the runtime knows them though it does not list them.
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
