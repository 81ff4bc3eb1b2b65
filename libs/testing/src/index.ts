export * from './browser';
export * from './isolated-infra';
export * from './service-under-test';
export * from './test-servers';
