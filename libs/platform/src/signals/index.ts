export * from './request-durations';
export * from './service-registry';
