export * from './page-answer';
export * from './page-renderer';
export * from './shipped-files';
export * from './view-helpers';
export * from './web-site';
export * from './web.module';
