export * from './calendar-entry';
export * from './calendar-answer';
