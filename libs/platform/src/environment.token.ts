/** Injection token of the validated Environment. */
export const ENVIRONMENT = Symbol('ENVIRONMENT');
