export * from './action-links';
export * from './link-token';
export * from './used-link.entity';
export * from './link-pages';
export * from './calendar-links';
export * from './manage-links';
