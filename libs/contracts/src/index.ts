export * from './message';
export * from './catalogue';
export * from './spaces';
export * from './notifications';
export * from './bookings';
