export * from './orm-options';
export * from './database';
export * from './migrate';
export * from './personal-data';
