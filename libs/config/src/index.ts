export * from './duration';
export * from './environment';
