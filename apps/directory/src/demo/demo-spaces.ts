// Demo data: fifty made-up spaces at real city coordinates in ten countries, free and paid.
import type { RegisterSpace } from '../spaces/space.dto';

interface City {
  city: string;
  country: string;
  timezone: string;
  currency: string;
  latitude: number;
  longitude: number;
}

const cities: City[] = [
  {
    city: 'Pune',
    country: 'IN',
    timezone: 'Asia/Kolkata',
    currency: 'INR',
    latitude: 18.5204,
    longitude: 73.8567,
  },
  {
    city: 'Bengaluru',
    country: 'IN',
    timezone: 'Asia/Kolkata',
    currency: 'INR',
    latitude: 12.9716,
    longitude: 77.5946,
  },
  {
    city: 'Jaipur',
    country: 'IN',
    timezone: 'Asia/Kolkata',
    currency: 'INR',
    latitude: 26.9124,
    longitude: 75.7873,
  },
  {
    city: 'Delhi',
    country: 'IN',
    timezone: 'Asia/Kolkata',
    currency: 'INR',
    latitude: 28.6139,
    longitude: 77.209,
  },
  {
    city: 'Kochi',
    country: 'IN',
    timezone: 'Asia/Kolkata',
    currency: 'INR',
    latitude: 9.9312,
    longitude: 76.2673,
  },
  {
    city: 'Berlin',
    country: 'DE',
    timezone: 'Europe/Berlin',
    currency: 'EUR',
    latitude: 52.52,
    longitude: 13.405,
  },
  {
    city: 'Munich',
    country: 'DE',
    timezone: 'Europe/Berlin',
    currency: 'EUR',
    latitude: 48.1351,
    longitude: 11.582,
  },
  {
    city: 'Hamburg',
    country: 'DE',
    timezone: 'Europe/Berlin',
    currency: 'EUR',
    latitude: 53.5511,
    longitude: 9.9937,
  },
  {
    city: 'Nairobi',
    country: 'KE',
    timezone: 'Africa/Nairobi',
    currency: 'KES',
    latitude: -1.2921,
    longitude: 36.8219,
  },
  {
    city: 'Mombasa',
    country: 'KE',
    timezone: 'Africa/Nairobi',
    currency: 'KES',
    latitude: -4.0435,
    longitude: 39.6682,
  },
  {
    city: 'São Paulo',
    country: 'BR',
    timezone: 'America/Sao_Paulo',
    currency: 'BRL',
    latitude: -23.5505,
    longitude: -46.6333,
  },
  {
    city: 'Porto Alegre',
    country: 'BR',
    timezone: 'America/Sao_Paulo',
    currency: 'BRL',
    latitude: -30.0346,
    longitude: -51.2177,
  },
  {
    city: 'Toronto',
    country: 'CA',
    timezone: 'America/Toronto',
    currency: 'CAD',
    latitude: 43.6532,
    longitude: -79.3832,
  },
  {
    city: 'Montréal',
    country: 'CA',
    timezone: 'America/Toronto',
    currency: 'CAD',
    latitude: 45.5019,
    longitude: -73.5674,
  },
  {
    city: 'Manila',
    country: 'PH',
    timezone: 'Asia/Manila',
    currency: 'PHP',
    latitude: 14.5995,
    longitude: 120.9842,
  },
  {
    city: 'Cebu City',
    country: 'PH',
    timezone: 'Asia/Manila',
    currency: 'PHP',
    latitude: 10.3157,
    longitude: 123.8854,
  },
  {
    city: 'Lyon',
    country: 'FR',
    timezone: 'Europe/Paris',
    currency: 'EUR',
    latitude: 45.764,
    longitude: 4.8357,
  },
  {
    city: 'Paris',
    country: 'FR',
    timezone: 'Europe/Paris',
    currency: 'EUR',
    latitude: 48.8566,
    longitude: 2.3522,
  },
  {
    city: 'Lagos',
    country: 'NG',
    timezone: 'Africa/Lagos',
    currency: 'NGN',
    latitude: 6.5244,
    longitude: 3.3792,
  },
  {
    city: 'Taipei',
    country: 'TW',
    timezone: 'Asia/Taipei',
    currency: 'TWD',
    latitude: 25.033,
    longitude: 121.5654,
  },
  {
    city: 'Mexico City',
    country: 'MX',
    timezone: 'America/Mexico_City',
    currency: 'MXN',
    latitude: 19.4326,
    longitude: -99.1332,
  },
  {
    city: 'Guadalajara',
    country: 'MX',
    timezone: 'America/Mexico_City',
    currency: 'MXN',
    latitude: 20.6597,
    longitude: -103.3496,
  },
  {
    city: 'Kathmandu',
    country: 'NP',
    timezone: 'Asia/Kathmandu',
    currency: 'NPR',
    latitude: 27.7172,
    longitude: 85.324,
  },
  {
    city: 'Tirana',
    country: 'AL',
    timezone: 'Europe/Tirane',
    currency: 'ALL',
    latitude: 41.3275,
    longitude: 19.8187,
  },
  {
    city: 'Bangkok',
    country: 'TH',
    timezone: 'Asia/Bangkok',
    currency: 'THB',
    latitude: 13.7563,
    longitude: 100.5018,
  },
];

const kinds = ['college', 'company', 'hackerspace', 'community', 'other'] as const;
const names = {
  college: ['Institute of Open Technology', 'College of Engineering Lab Wing'],
  company: ['Open Source Office Loft', 'Friendly Software Co. Meeting Floor'],
  hackerspace: ['Hackerspace', 'Makerspace & Solder Club'],
  community: ['Community Library Hall', 'Neighbourhood Commons'],
  other: ['Civic Tech Café', 'Public Innovation Hub'],
};
/** How a description starts for each kind: "A hackerspace in …", not "A hackerspace space in …". */
const described = {
  college: 'A college',
  company: 'A company office',
  hackerspace: 'A hackerspace',
  community: 'A community space',
  other: 'A space',
};
const amenitySets = [
  ['wifi', 'projector', 'whiteboard'],
  ['wifi', 'projector', 'microphone', 'accessible'],
  ['wifi', 'power-outlets', 'kitchen'],
  ['wifi', 'projector', 'video-recording', 'accessible'],
  ['wifi', 'whiteboard', 'soldering'],
];

// Rough local prices for renting a room for a day, to make the money-saved figures plausible.
const dayRate: Record<string, number> = {
  INR: 8000,
  EUR: 400,
  KES: 15000,
  BRL: 900,
  CAD: 500,
  PHP: 9000,
  NGN: 120000,
  TWD: 9000,
  MXN: 5000,
  NPR: 12000,
  ALL: 25000,
  THB: 8000,
};

export function demoSpaces(): RegisterSpace[] {
  return Array.from({ length: 50 }, (_, index) => {
    const place = cities[index % cities.length];
    const kind = kinds[index % kinds.length];
    const second = index >= cities.length;
    const paid = index % 3 === 0;
    const rate = dayRate[place.currency];
    // The second space in a city sits a few kilometres from the first.
    const offset = second ? 0.03 : 0;
    return {
      name: `${place.city} ${names[kind][second ? 1 : 0]}`,
      kind,
      description: `${described[kind]} in ${place.city} that opens its doors to FOSS meetups, workshops and sprints.`,
      address: `${10 + index} Demo Street`,
      city: place.city,
      country: place.country,
      // Rounded as a host would type them, free of the sum's floating-point tail.
      latitude: Number((place.latitude + offset).toFixed(4)),
      longitude: Number((place.longitude - offset).toFixed(4)),
      timezone: place.timezone,
      capacity: [20, 40, 60, 120, 250][index % 5],
      amenities: amenitySets[index % amenitySets.length],
      pricing: paid
        ? {
            model: 'paid' as const,
            amount: Math.round(rate / 4),
            currency: place.currency,
            per: 'day' as const,
          }
        : { model: 'free' as const },
      marketRate: { amount: rate, currency: place.currency, per: 'day' as const },
      host: { name: `Demo Host ${index + 1}`, email: `host${index + 1}@spaces.example.org` },
      eligibility: { supportsFoss: true, nonCommercialPledge: true },
      locale: 'en',
    };
  });
}
