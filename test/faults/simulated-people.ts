// The people of the fault suite: hosts, organizers and an operator who read the mails that reach the SMTP
// server and press the links in them the way a person does (open the page, then submit its form). Each
// booking's title names its scenario, which says how its people behave.
import type { ReceivedMail } from '@cocomo/testing';

export const SCENARIOS = [
  'accept', // the first host accepts; still on; the event is held
  'decline', // the first host declines, the next accepts; the event did not take place
  'silent', // the first host never answers; after the escalation the next accepts
  'withdraw', // the host accepts, then withdraws at once: the fallback asks the next spaces one by one
  'urgent', // the host says "can't host" when asked to reconfirm, close to the start: the urgent fan-out
  'cancel', // the host accepts, then the organizer cancels
  'unreported', // the organizer never reports: the booking closes as unreported
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface PressOutcome {
  /** The page acted (200 after the form was submitted). */
  acted: boolean;
  /** The page refused: the link was used, overtaken or no longer applies (a 4xx page). */
  refused: boolean;
}

/** What the people need from the system: pressing a link, and the operator's API. */
export interface PeopleSystem {
  press: (link: string, choice: string, fields?: Record<string, string>) => Promise<PressOutcome>;
  cancelAsOperator: (bookingId: string) => Promise<void>;
  unplacedBookings: () => Promise<{ id: string; title: string }[]>;
}

export interface PeopleFigures {
  mailsRead: number;
  presses: number;
  refusedPresses: number;
  operatorCancels: number;
}

interface BookingMemory {
  requests: number;
  ignoredSpaces: Set<string>;
  withdrew: boolean;
  deniedLate: boolean;
}

const TITLE = /Faults (\d+) ([a-z]+)/;

/** The links of a mail, by their label, from its text part ("Label:" then the URL on the next line). */
export function linksIn(mail: ReceivedMail): Map<string, string> {
  const links = new Map<string, string>();
  for (const match of (mail.text ?? '').matchAll(/^([^\n:]+):\n(https?:\/\/\S+\/actions\/\S+)$/gm)) {
    links.set(match[1].trim(), match[2]);
  }
  return links;
}

export class SimulatedPeople {
  readonly figures: PeopleFigures = { mailsRead: 0, presses: 0, refusedPresses: 0, operatorCancels: 0 };
  private readonly bookings = new Map<string, BookingMemory>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly system: PeopleSystem,
    private readonly operatorEmail: string,
    private readonly random: () => number,
  ) {}

  /** Reads one mail and does what its reader would, a moment later; errors are the system's to report. */
  read(mail: ReceivedMail): void {
    this.figures.mailsRead++;
    const work = this.act(mail).finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private memoryOf(title: string): BookingMemory {
    let memory = this.bookings.get(title);
    if (!memory) {
      memory = { requests: 0, ignoredSpaces: new Set(), withdrew: false, deniedLate: false };
      this.bookings.set(title, memory);
    }
    return memory;
  }

  private async act(mail: ReceivedMail): Promise<void> {
    const subject = mail.subject ?? '';
    const title = TITLE.exec(subject);
    if (!title) return;
    const scenario = title[2] as Scenario;
    const memory = this.memoryOf(title[0]);
    const links = linksIn(mail);
    await new Promise((resolve) => setTimeout(resolve, this.random() * 500));

    if (mail.to.includes(this.operatorEmail)) {
      if (/^Unplaced:/.test(subject)) await this.cancelUnplaced(title[0]);
      return;
    }
    if (/^(Reminder: )?can .* host /i.test(subject)) {
      const space = /^Space:\s+(.*)$/m.exec(mail.text ?? '')?.[1] ?? mail.to.join();
      const reminder = subject.startsWith('Reminder');
      if (!reminder) memory.requests++;
      if (scenario === 'silent' && (memory.ignoredSpaces.has(space) || memory.requests === 1)) {
        memory.ignoredSpaces.add(space);
        return;
      }
      if (scenario === 'decline' && memory.requests === 1 && !reminder) {
        return this.press(links.get('Decline'), 'confirm');
      }
      return this.press(links.get('Accept'), 'confirm');
    }
    if (/^Confirmed:/.test(subject) && links.has('Withdraw')) {
      if (scenario === 'withdraw' && !memory.withdrew) {
        memory.withdrew = true;
        return this.press(links.get('Withdraw'), 'confirm');
      }
      return;
    }
    if (/^Confirmed:/.test(subject) && links.has('Cancel the request') && scenario === 'cancel') {
      return this.press(links.get('Cancel the request'), 'confirm');
    }
    if (/still on\?$/.test(subject)) {
      if (scenario === 'urgent' && !memory.deniedLate) {
        memory.deniedLate = true;
        return this.press(links.get("Can't host"), 'confirm');
      }
      return this.press(links.get('Still on'), 'confirm');
    }
    if (/^How did .* go\?$/.test(subject) && scenario !== 'unreported') {
      const held = scenario !== 'decline';
      const attendance = 10 + Math.floor(this.random() * 40);
      return this.press(links.get('Report on the event'), 'confirm', {
        held: held ? 'yes' : 'no',
        attendance: held ? String(attendance) : '0',
        newcomers: held ? String(Math.floor(attendance / 4)) : '0',
        amountPaid: '0',
      });
    }
  }

  private async press(link: string | undefined, choice: string, fields?: Record<string, string>) {
    if (!link) return;
    this.figures.presses++;
    const outcome = await this.system.press(link, choice, fields);
    if (outcome.refused) this.figures.refusedPresses++;
  }

  private async cancelUnplaced(title: string): Promise<void> {
    for (const booking of await this.system.unplacedBookings()) {
      if (booking.title !== title) continue;
      await this.system.cancelAsOperator(booking.id);
      this.figures.operatorCancels++;
    }
  }
}
