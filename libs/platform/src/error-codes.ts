// Whether an error, or one it wraps (MikroORM's `previous`, a `cause`), carries one of PostgreSQL's error codes.
export function carriesCode(error: unknown, codes: ReadonlySet<string>, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, previous, cause } = error as { code?: unknown; previous?: unknown; cause?: unknown };
  if (typeof code === 'string' && codes.has(code)) return true;
  return carriesCode(previous, codes, depth + 1) || carriesCode(cause, codes, depth + 1);
}
