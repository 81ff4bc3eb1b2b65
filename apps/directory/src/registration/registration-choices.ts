// The choices of the "list your space" form that come from data rather than words: the amenities offered as
// boxes to tick, every time zone by its current name, and every currency by its name.

/** Offered as boxes to tick (each named in the catalogue, directory:register.amenityName); a host may add others. */
export const COMMON_AMENITIES = [
  'wifi',
  'projector',
  'whiteboard',
  'microphone',
  'power-outlets',
  'accessible',
  'kitchen',
  'video-recording',
];

/** The runtime lists some zones by their old names (Asia/Calcutta); people look for today's (Asia/Kolkata). */
const RENAMED_ZONES: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Europe/Kiev': 'Europe/Kyiv',
  'America/Godthab': 'America/Nuuk',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Enderbury': 'Pacific/Kanton',
};

/** Each zone by its current name; `old` lets register.js choose it for a browser that says the old one. */
export const ZONE_CHOICES = Intl.supportedValuesOf('timeZone')
  .map((zone) => ({ zone: RENAMED_ZONES[zone] ?? zone, old: RENAMED_ZONES[zone] ? zone : undefined }))
  .sort((a, b) => a.zone.localeCompare(b.zone, 'en'))
  .map(({ zone, old }) => ({ zone, old, name: zone.replace(/_/g, ' ') }));

const currencies = new Map<string, { code: string; name: string }[]>();

/** Every currency by its name in the page's language (built once a language). */
export function currencyChoices(lang = 'en'): { code: string; name: string }[] {
  let choices = currencies.get(lang);
  if (!choices) {
    const names = new Intl.DisplayNames([lang], { type: 'currency' });
    choices = Intl.supportedValuesOf('currency').map((code) => ({ code, name: names.of(code) ?? code }));
    currencies.set(lang, choices);
  }
  return choices;
}
