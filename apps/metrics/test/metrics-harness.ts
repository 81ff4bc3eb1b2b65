// The metrics service under test, and how a test puts events in its inbox as the other services' relays do.
import { randomUUID } from 'node:crypto';
import { BullMqClient } from '@cocomo/messaging';
import type { Envelope } from '@cocomo/contracts';
import { isolatedInfra, startService, type IsolatedInfra, type ServiceUnderTest } from '@cocomo/testing';
import type { LoggedEvent } from '../src/projections/booking-record';
import { metricsApp } from '../src/metrics.module';

export const OPERATOR_TOKEN = 'test-operator-token';
export const asOperator = { authorization: `Bearer ${OPERATOR_TOKEN}` };

export interface MetricsUnderTest extends ServiceUnderTest {
  infra: IsolatedInfra;
  stop: () => Promise<void>;
}

export async function startMetrics(): Promise<MetricsUnderTest> {
  const infra = await isolatedInfra();
  const service = await startService(metricsApp, infra.env);
  return {
    ...service,
    infra,
    stop: async () => {
      await service.close();
      await infra.cleanup();
    },
  };
}

/** The events as envelopes, each with its own message id. */
export function envelopes(events: LoggedEvent[]): Envelope[] {
  return events.map((event) => ({
    id: randomUUID(),
    name: event.name,
    version: 1,
    occurredAt: event.occurredAt,
    payload: event.payload,
  }));
}

export async function deliver(metrics: ServiceUnderTest, messages: Envelope[]): Promise<void> {
  await metrics.app.get(BullMqClient).deliver(messages);
}

/** Asks until `check` passes on the answer, for at most ten seconds. */
export async function eventually<T>(ask: () => Promise<T>, check: (answer: T) => boolean): Promise<T> {
  let answer = await ask();
  for (let i = 0; i < 100 && !check(answer); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    answer = await ask();
  }
  return answer;
}

export async function getJson<T = Record<string, unknown>>(
  url: string,
  headers: Record<string, string> = {},
) {
  const response = await fetch(url, { headers });
  return { status: response.status, body: (await response.json()) as T };
}
