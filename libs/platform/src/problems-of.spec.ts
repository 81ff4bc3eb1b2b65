import { z } from 'zod';
import { problemsOf } from './problem.filter';

const schema = z.object({ organizer: z.object({ name: z.string() }).strict() }).strict();
const problems = (body: unknown) => {
  const parsed = schema.safeParse(body);
  if (parsed.success) throw new Error('expected the body to be refused');
  return problemsOf(parsed.error);
};

describe('problemsOf', () => {
  it('names each unknown field on its own, with the path to it', () => {
    expect(problems({ organizer: { name: 'Ola', age: 3, role: 'x' } })).toEqual([
      { field: 'organizer.age', problem: 'is not a known field', code: 'unknown_field' },
      { field: 'organizer.role', problem: 'is not a known field', code: 'unknown_field' },
    ]);
  });

  it('shows a key that is the empty string as "", so that no field name is blank', () => {
    expect(problems({ '': [], organizer: { name: 'Ola' } })).toEqual([
      { field: '""', problem: 'is not a known field', code: 'unknown_field' },
    ]);
    expect(problems({ organizer: { name: 'Ola', '': 1 } })).toEqual([
      { field: 'organizer.""', problem: 'is not a known field', code: 'unknown_field' },
    ]);
  });

  it('names the body itself when the whole of it is wrong', () => {
    expect(problems('text')).toEqual([
      { field: '(body)', problem: 'Expected object, received string', code: 'invalid_type' },
    ]);
  });
});
