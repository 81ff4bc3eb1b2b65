export * from './browser';
export * from './isolated-infra';
export * from './service-under-test';
export * from './smtp-server';
export * from './test-servers';
