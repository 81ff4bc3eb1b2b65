export * from './inbox-signals';
export * from './outbox-signals';
export * from './queue-signals';
export * from './sampled-gauges';
export * from './timer-signals';
export * from './watched-queues';
