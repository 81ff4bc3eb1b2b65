// The story `npm run demo` tells, step by step, in the seed's terms. Each run places its own five spaces at a
// fresh spot (and tags its titles and addresses), so it can be played again and again on the same system.
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from './demo-client.mjs';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How long the demo waits for the report request after the short event ends. */
const REPORT_WAIT_MS = 90_000;

const SPACES = [
  { name: 'Savo Hacklab', kind: 'hackerspace', host: 'Aino', capacity: 40, paid: false },
  { name: 'City Library Room', kind: 'community', host: 'Matti', capacity: 50, paid: false },
  { name: 'University Lab 3', kind: 'college', host: 'Liisa', capacity: 60, paid: false },
  { name: 'Harbour Coworking', kind: 'company', host: 'Juha', capacity: 45, paid: false },
  { name: 'Loft Event Hall', kind: 'company', host: 'Sanna', capacity: 80, paid: true },
];

/** The date of a moment in Kuopio, where the demo's spaces are: "2027-03-01". */
const helsinki = (moment) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki', dateStyle: 'short' }).format(moment);

export function createStory({ base, operatorToken, operatorEmail, out, runId }) {
  const client = createClient({ base, operatorToken, out });
  const { call, press, mailTo, settleMails } = client;
  // A spot in Finland no other run or demo space is likely to share: the search radius below is 5 km.
  const centre = { latitude: 61 + Math.random() * 4, longitude: 22 + Math.random() * 8 };
  const hostEmail = (space) => `${space.host.toLowerCase()}.${runId}@example.org`;
  const organizer = (name, community) => ({
    name,
    email: `${name.toLowerCase()}.${runId}@example.org`,
    community: `${community} (${runId})`,
  });
  const spaces = [];
  const hostOf = (spaceId) => spaces.find((space) => space.id === spaceId);
  const nameOf = (spaceId) => hostOf(spaceId)?.name ?? spaceId;

  async function mail(to, template, about) {
    const found = await mailTo(to, template, about);
    if (!found) throw new Error(`no "${template}" mail to ${to} about "${about}" arrived`);
    return found;
  }

  async function ask(who, title, start, durationMs) {
    const { json } = await call('POST', '/api/bookings', {
      body: {
        organizer: who,
        event: {
          title,
          description: 'Played by npm run demo',
          start: new Date(start).toISOString(),
          end: new Date(start + durationMs).toISOString(),
          expectedAttendees: 25,
          needs: ['projector'],
        },
        near: { ...centre, radiusKm: 5 },
      },
    });
    return json.id;
  }

  async function registerSpaces() {
    out.step('1. Spaces register, their hosts confirm by mail, and an operator approves them');
    for (const [index, space] of SPACES.entries()) {
      const { json } = await call('POST', '/api/spaces', {
        body: {
          name: space.name,
          kind: space.kind,
          description: 'A demo space with a projector, wifi and chairs for everyone.',
          address: `${index + 1} Demo Street`,
          city: 'Kuopio',
          country: 'FI',
          latitude: centre.latitude + index * 0.004,
          longitude: centre.longitude + index * 0.004,
          timezone: 'Europe/Helsinki',
          capacity: space.capacity,
          amenities: ['wifi', 'projector'],
          pricing: space.paid
            ? { model: 'paid', amount: 150, currency: 'EUR', per: 'day' }
            : { model: 'free' },
          marketRate: { amount: 400, currency: 'EUR', per: 'day' },
          host: { name: space.host, email: hostEmail(space) },
          eligibility: { supportsFoss: true, nonCommercialPledge: true },
        },
      });
      spaces.push({ ...space, id: json.id });
      out.say(
        `${space.host} registers ${space.name} (${space.paid ? 'paid' : 'free'}): it is ${json.status}`,
      );
      const verify = await mail(hostEmail(space), 'space-verify', space.name);
      await press(verify, verify.actions[0].label);
      await mail(operatorEmail, 'space-review-needed', space.name);
      const approved = await call('POST', `/api/spaces/${json.id}/approve`, { asOperator: true });
      out.say(
        `the operators are told; one reviews ${space.name} and approves it: ${approved.json.status}, on the map`,
      );
    }
    await settleMails();
  }

  async function requestAndDecline() {
    out.step('2. An organizer asks for a space near Kuopio');
    const olga = organizer('Olga', 'Kuopio Rust');
    const title = `Rust meetup ${runId}`;
    const id = await ask(olga, title, Date.now() + 10 * DAY, 3 * HOUR);
    let booking = await client.booking(id);
    const first = booking.asked[0];
    out.say(`Olga asks for a space for "${title}" in ten days; the best free space is asked first:`);
    out.say(`${nameOf(first)} (booking ${booking.state})`);
    await settleMails();
    const lenas = await startShortEvent();

    out.step('3. The host declines, saying why, and offers another evening');
    const request = await mail(hostEmail(hostOf(first)), 'booking-host-request', title);
    // The host types the other time as the page asks: in the space's zone.
    const nextDay = helsinki(Date.now() + 11 * DAY);
    await press(request, 'Decline', {
      reason: 'closed',
      note: '',
      offer1Start: `${nextDay}T18:00`,
      offer1End: `${nextDay}T21:00`,
      ...Object.fromEntries(['offer2Start', 'offer2End', 'offer3Start', 'offer3End'].map((f) => [f, ''])),
    });
    booking = await client.bookingUntil(id, (b) => b.asked[0] && b.asked[0] !== first, 'the next candidate');
    await mail(olga.email, 'booking-organizer-times-offered', title);
    out.say(
      'Olga hears why, and gets a button to take the evening offered; meanwhile the next space is asked',
    );
    await settleMails();

    out.step('4. The fallback: the next candidate is asked, and accepts');
    const second = booking.asked[0];
    out.say(`the next space in the ranking is asked: ${nameOf(second)}`);
    await press(await mail(hostEmail(hostOf(second)), 'booking-host-request', title), 'Accept');
    booking = await client.bookingUntil(id, (b) => b.state === 'confirmed', 'confirmed');
    out.say(`"${title}" is ${booking.state} at ${nameOf(booking.spaceId)}; both get a calendar entry`);
    await settleMails();
    return { olgas: { id, title, organizer: olga }, lenas };
  }

  async function lateDenial() {
    out.step('5. A late denial, rescued by the urgent fan-out');
    const pia = organizer('Pia', 'Savo Python');
    const title = `Python sprint ${runId}`;
    // Tomorrow: inside the urgent window (BOOKING_URGENT_WINDOW, 48h by default), where a late denial asks
    // several spaces at once instead of one after the other.
    const id = await ask(pia, title, Date.now() + 20 * HOUR, 4 * HOUR);
    const first = (await client.booking(id)).asked[0];
    out.say(`Pia's "${title}" starts tomorrow; ${nameOf(first)} is asked and accepts`);
    await press(await mail(hostEmail(hostOf(first)), 'booking-host-request', title), 'Accept');
    await client.bookingUntil(id, (b) => b.state === 'confirmed', 'confirmed');
    await settleMails();
    out.say(`then ${hostOf(first).host} must withdraw, the day before the event`);
    const confirmed = await mail(hostEmail(hostOf(first)), 'booking-host-confirmed', title);
    await press(confirmed, 'Withdraw');
    const seeking = await client.bookingUntil(id, (b) => b.state === 'seeking_fallback', 'seeking_fallback');
    out.say(
      `the fallback protocol asks ${seeking.asked.length} spaces at once: ${seeking.asked.map(nameOf).join(', ')}`,
    );
    await settleMails();
    const winner = seeking.asked[0];
    await press(await mail(hostEmail(hostOf(winner)), 'booking-host-request', title), 'Accept');
    const rescued = await client.bookingUntil(id, (b) => b.state === 'confirmed', 'confirmed');
    out.say(`rescued: "${title}" is ${rescued.state} at ${nameOf(rescued.spaceId)}; the others are released`);
    await settleMails();
  }

  async function cancellation(olgas) {
    out.step('6. A cancellation');
    out.say(`Olga's community moves online; she cancels "${olgas.title}" from her confirmation mail`);
    const confirmation = await mail(olgas.organizer.email, 'booking-organizer-confirmed', olgas.title);
    await press(confirmation, 'Cancel the request');
    const cancelled = await client.bookingUntil(olgas.id, (b) => b.state === 'cancelled', 'cancelled');
    out.say(`the booking is ${cancelled.state}; the host is told and every timer of it stops`);
    await settleMails();
  }

  /** A short evening that ends while the story goes on, so that its report can be asked for today. */
  async function startShortEvent() {
    const lena = organizer('Lena', 'Kuopio Linux');
    const title = `Linux install evening ${runId}`;
    const start = Date.now() + 30_000;
    const id = await ask(lena, title, start, 15_000);
    const host = hostOf((await client.booking(id)).asked[0]);
    out.say(`meanwhile Lena asks for "${title}", which starts in half a minute and lasts`);
    out.say(
      `fifteen seconds (short, so that it ends while the demo runs); ${host.host} of ${host.name} accepts`,
    );
    await press(await mail(hostEmail(host), 'booking-host-request', title), 'Accept');
    await client.bookingUntil(id, (b) => b.state === 'confirmed', 'confirmed');
    await settleMails();
    return { id, title, organizer: lena, end: start + 15_000 };
  }

  async function eventReport(lenas) {
    out.step('7. The event report');
    const waitMs = Math.max(0, lenas.end - Date.now()) + REPORT_WAIT_MS;
    out.say(`"${lenas.title}" ends; BOOKING_REPORT_AFTER later, Lena is asked how it went (waiting for it)`);
    const request = await mailTo(
      lenas.organizer.email,
      'booking-organizer-report-request',
      lenas.title,
      waitMs,
    );
    if (!request) {
      out.say(
        `no report request within ${Math.round(waitMs / 1000)}s: the running system waits longer after an`,
      );
      out.say('event (BOOKING_REPORT_AFTER, 2h by default). To see this step, start CoCoMo with');
      out.say('"BOOKING_REPORT_AFTER=10s npm start" and run "npm run demo" again.');
      return false;
    }
    await press(request, 'Report on the event', {
      held: 'yes',
      attendance: 28,
      newcomers: 9,
      amountPaid: 0,
      age_under18: 2,
      age_18to24: 8,
      age_25to34: 10,
      age_35to49: 6,
      age_50to64: 2,
      age_65plus: 0,
    });
    const held = await client.bookingUntil(lenas.id, (b) => b.state === 'held', 'held');
    out.say(`the event is recorded as ${held.state}: 28 came, 9 of them new, nothing paid for the space`);
    await hostedOnProfile(held.spaceId, held.id);
    await settleMails();
    return true;
  }

  /** Waits until the space's public profile lists the event, and points to it. */
  async function hostedOnProfile(spaceId, bookingId) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { json } = await call('GET', `/api/spaces/${spaceId}/hosted-events`);
      if (json.items.some((event) => event.community.includes(runId))) break;
      if (Date.now() > deadline) throw new Error(`booking ${bookingId} did not reach its space's profile`);
      await sleep(250);
    }
    out.say(`the space's public profile now lists it: ${base}/map/spaces/${spaceId}`);
  }

  async function metrics() {
    out.step('8. The metrics');
    await sleep(1000);
    const { status, json, text } = await call('GET', '/api/metrics', {
      asOperator: true,
      expect: [200, 404],
    });
    if (status === 404) {
      out.say('GET /api/metrics answered 404: this version of the metrics service has no metrics API yet.');
      return;
    }
    for (const line of JSON.stringify(json ?? text, null, 2).split('\n')) out.say(line);
  }

  return {
    /** Plays the story; returns false when the report step could not be shown. */
    async play() {
      out.step(`The CoCoMo demo (run ${runId}) against ${base}`);
      out.say('Every mail the system sends is printed as it goes; read them in full at /mailbox.');
      await client.forgetEarlierMails();
      await registerSpaces();
      const { olgas, lenas } = await requestAndDecline();
      await lateDenial();
      await cancellation(olgas);
      const reported = await eventReport(lenas);
      await metrics();
      out.step(reported ? 'The end: every step was played' : 'The end: every step but the report was played');
      return reported;
    },
  };
}
