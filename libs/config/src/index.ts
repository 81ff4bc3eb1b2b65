export * from './duration';
export * from './environment';
export * from './request-limits';
