export * from './message';
export * from './catalogue';
export * from './spaces';
export * from './notifications';
export * from './bookings';
export * from './personal-data';
export * from './record';
