export * from './action-links';
export * from './action-page';
export * from './link-token';
export * from './used-link.entity';
