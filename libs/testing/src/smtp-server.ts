// A real SMTP server in the test process: it records every message it accepts, and can be told to refuse the
// next ones (451 try later, 550 refused for good), to answer slowly, or to hold a message before answering,
// so a test can kill the sender while the mail is in flight.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope: MAIL FROM and RCPT TO. */
  from: string;
  to: string[];
  raw: Buffer;
  /** When the server accepted it (Date.now()). */
  acceptedAt: number;
  /** Parsed with mailparser, unless the server was started with parse: false. */
  parsed?: ParsedMail;
  messageId?: string;
  subject?: string;
  text?: string;
  html?: string;
}

/** A message whose DATA has arrived and whose answer the test decides. */
export interface HeldMail {
  /** Resolves when the whole message has arrived and waits for its answer. */
  arrived: Promise<void>;
  /** Answers 250: the message is accepted and recorded. */
  release(): void;
  /** Closes the connection without an answer: for the sender, the message was not delivered. */
  drop(): void;
}

type Decision = 'release' | 'drop';

interface Hold {
  arrived: () => void;
  decide: (decision: Decision) => void;
  decision: Promise<Decision>;
  session?: string;
}

const REFUSALS: Record<number, string> = {
  451: '4.3.0 Temporary failure, try again later',
  550: '5.1.1 Mailbox unavailable',
};

/** One message that reached the end of DATA, and the answer it got. */
export interface DeliveryAttempt {
  at: number;
  messageId?: string;
  answer: number;
}

export class TestSmtpServer {
  readonly mails: ReceivedMail[] = [];
  /** Every message answered, accepted or refused, in order. */
  readonly attempts: DeliveryAttempt[] = [];
  private readonly server: SMTPServer;
  private refusals: number[] = [];
  private alwaysRefuse?: number;
  private replyDelayMs = 0;
  private readonly holds: Hold[] = [];
  private readonly waiting = new Set<() => void>();

  private constructor(private readonly parse: boolean) {
    this.server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      allowInsecureAuth: true,
      logger: false,
      size: 10 * 1024 * 1024,
      onAuth: (_auth, _session, callback) => callback(null, { user: 'test' }),
      // A sender that dies mid-message leaves it unfinished: dropped, as a real server would.
      onData: (stream, session, callback) =>
        void this.receive(stream, session, callback).catch((error: Error) => callback(error)),
      onClose: (session) => {
        for (const hold of this.holds) if (hold.session === session.id) hold.decide('drop');
      },
    });
    this.server.on('error', () => undefined);
  }

  /** Starts a server on a free port of 127.0.0.1. With parse: false it only counts and keeps raw messages. */
  static async start(options: { parse?: boolean } = {}): Promise<TestSmtpServer> {
    const smtp = new TestSmtpServer(options.parse ?? true);
    await new Promise<void>((resolve) => smtp.server.listen(0, '127.0.0.1', () => resolve()));
    return smtp;
  }

  get port(): number {
    return (this.server.server.address() as AddressInfo).port;
  }

  /** The SMTP_URL of this server. */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Refuses the next `count` messages with `code`, then accepts again. */
  rejectNext(count: number, code: 451 | 550 = 451): void {
    this.refusals.push(...Array<number>(count).fill(code));
  }

  /** Refuses every message with `code` until told otherwise (undefined). */
  rejectAll(code: 451 | 550 | undefined): void {
    this.alwaysRefuse = code;
  }

  /** Waits this long before answering each message. */
  delayReplies(ms: number): void {
    this.replyDelayMs = ms;
  }

  /** Holds the next message once its DATA has arrived, until the test releases or drops it. */
  holdNext(): HeldMail {
    let arrived!: () => void;
    let decide!: (decision: Decision) => void;
    const hold: Hold = {
      arrived: () => arrived(),
      decide: (decision) => decide(decision),
      decision: new Promise<Decision>((resolve) => (decide = resolve)),
    };
    this.holds.push(hold);
    return {
      arrived: new Promise<void>((resolve) => (arrived = resolve)),
      release: () => hold.decide('release'),
      drop: () => hold.decide('drop'),
    };
  }

  /** The accepted messages whose Message-ID is `messageId` (with its angle brackets). */
  withMessageId(messageId: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.messageId === messageId);
  }

  /** Resolves once at least `count` messages were accepted; rejects after `timeoutMs`. */
  async waitForMails(count: number, timeoutMs = 10_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.mails.length < count) {
      if (Date.now() > deadline) {
        throw new Error(`expected ${count} mails within ${timeoutMs} ms, received ${this.mails.length}`);
      }
      await new Promise<void>((resolve) => {
        const wake = () => (this.waiting.delete(wake), clearTimeout(timer), resolve());
        const timer = setTimeout(wake, 50);
        this.waiting.add(wake);
      });
    }
    return this.mails;
  }

  /** Resolves with the first accepted mail to `address` whose subject matches; rejects after `timeoutMs`. */
  async mailTo(address: string, subject: RegExp, timeoutMs = 20_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.mails.find((mail) => mail.to.includes(address) && subject.test(mail.subject ?? ''));
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no mail to ${address} matching ${subject} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async stop(): Promise<void> {
    for (const hold of this.holds) hold.decide('drop');
    for (const connection of this.server.connections) connection.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async receive(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (error?: Error | null, message?: string) => void,
  ): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const hold = this.holds.find((candidate) => candidate.session === undefined);
    if (hold) {
      hold.session = session.id;
      hold.arrived();
      const decision = await hold.decision;
      this.holds.splice(this.holds.indexOf(hold), 1);
      if (decision === 'drop') {
        for (const connection of this.server.connections) {
          if (connection.id === session.id) connection._socket.destroy();
        }
        return;
      }
    }
    if (this.replyDelayMs) await new Promise((resolve) => setTimeout(resolve, this.replyDelayMs));
    const refusal = this.refusals.shift() ?? this.alwaysRefuse;
    const messageId = /^message-id:\s*(\S+)/im.exec(raw.subarray(0, 4096).toString('latin1'))?.[1];
    this.attempts.push({ at: Date.now(), messageId, answer: refusal ?? 250 });
    if (refusal) {
      return callback(Object.assign(new Error(REFUSALS[refusal] ?? 'Refused'), { responseCode: refusal }));
    }
    const mail: ReceivedMail = {
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      to: session.envelope.rcptTo.map((recipient) => recipient.address),
      raw,
      messageId,
      acceptedAt: Date.now(),
    };
    if (this.parse) {
      const parsed = await simpleParser(raw);
      Object.assign(mail, {
        parsed,
        messageId: parsed.messageId,
        subject: parsed.subject,
        text: parsed.text,
        html: parsed.html || undefined,
      });
    }
    this.mails.push(mail);
    for (const wake of [...this.waiting]) wake();
    callback(null, 'Queued');
  }
}
