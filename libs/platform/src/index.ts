export * from './bootstrap';
export * from './domain-errors';
export * from './environment.token';
export * from './operator.guard';
export * from './platform.module';
export * from './problem.filter';
export * from './public-write-limits';
export * from './well-formed-text.pipe';
