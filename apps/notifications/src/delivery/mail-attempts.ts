// The notifications' signal on /metrics: every attempt to send a mail, by outcome — sent, to be retried (a
// temporary refusal or an unreachable server), or failed for good (refused, or out of attempts).
import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';

export type MailOutcome = 'sent' | 'retry' | 'failed';
const OUTCOMES: MailOutcome[] = ['sent', 'retry', 'failed'];

@Injectable()
export class MailAttempts {
  private readonly attempts: Counter;

  constructor(registry: Registry) {
    this.attempts = new Counter({
      name: 'cocomo_mail_attempts_total',
      help: 'Attempts to send a mail, by outcome: sent, retry (tried again later), failed (given up)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    // Each outcome is there from the start, at 0, so that its first increase is seen as one.
    for (const outcome of OUTCOMES) this.attempts.inc({ outcome }, 0);
  }

  count(outcome: MailOutcome): void {
    this.attempts.inc({ outcome });
  }
}
