export * from './duration';
export * from './environment';
export * from './redis-url';
export * from './request-limits';
export * from './service-databases';
