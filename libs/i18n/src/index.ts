export * from './catalogue';
export * from './locales';
export * from './markup';
export * from './pseudo-locale';
