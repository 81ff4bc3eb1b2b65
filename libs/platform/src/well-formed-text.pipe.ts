// Text that PostgreSQL cannot store — the NUL character, or half of a UTF-16 surrogate pair — is refused at the
// edge for every body, query and path value, naming the field, instead of failing later as a database error.
import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { InvalidInput, type Problem } from './domain-errors';

const PROBLEM = 'must not contain the NUL character or broken Unicode (an unpaired surrogate)';

// With the u flag the surrogate class matches only surrogates that are not part of a pair.
const LONE_SURROGATE = /\p{Cs}/u;

export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

/** The fields of `value` (a body, query or path value) whose text cannot be stored, as "a.b.0" paths. */
export function unstorableText(value: unknown, path: string[] = []): Problem[] {
  if (typeof value === 'string') {
    return isStorableText(value) ? [] : [{ field: path.join('.') || '(body)', problem: PROBLEM }];
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [
    ...(isStorableText(key) ? [] : [{ field: [...path, key].join('.'), problem: PROBLEM }]),
    ...unstorableText(inner, [...path, key]),
  ]);
}

@Injectable()
export class WellFormedTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const problems = unstorableText(value, metadata.type === 'body' || !metadata.data ? [] : [metadata.data]);
    if (problems.length) throw new InvalidInput(problems);
    return value;
  }
}
