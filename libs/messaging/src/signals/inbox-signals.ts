// The idempotent inbox's signal: each message it was handed, by what became of it. `redelivered` counts messages
// it had seen before and ignored (a re-publish after a Redis loss, a job retried after its effect committed);
// `stopped_timer` counts timers that arrived after they were stopped or had fired.
import { Counter, type Registry } from 'prom-client';

export type InboxOutcome = 'handled' | 'redelivered' | 'stopped_timer';

export class InboxSignals {
  private readonly messages: Counter;

  constructor(registry: Registry) {
    this.messages = new Counter({
      name: 'cocomo_inbox_messages_total',
      help: 'Messages the idempotent inbox was handed, by name and outcome (redelivered: seen before, ignored)',
      labelNames: ['message', 'outcome'],
      registers: [registry],
    });
  }

  count(message: string, outcome: InboxOutcome): void {
    this.messages.inc({ message, outcome });
  }
}
