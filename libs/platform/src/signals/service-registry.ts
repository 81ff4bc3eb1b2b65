// One Prometheus registry per service application (not prom-client's global one, so that services started
// together in one process, as the tests do, keep their signals apart), with the process's own metrics in it.
import { collectDefaultMetrics, Registry } from 'prom-client';

export function serviceRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
