// The demo spaces are what a newcomer sees first: they must pass the same checks a host's registration does,
// and read as a person would write them.
import { registerSpaceSchema } from '../spaces/space.dto';
import { demoSpaces } from './demo-spaces';

const spaces = demoSpaces();

it('are fifty distinct spaces, each of which registration accepts as it is', () => {
  expect(spaces).toHaveLength(50);
  expect(new Set(spaces.map((space) => space.name)).size).toBe(50);
  for (const space of spaces) expect(registerSpaceSchema.parse(space)).toEqual(space);
});

it.each(spaces.map((space) => [space.name, space.description]))(
  'describes %s in plain English',
  (_name, description) => {
    expect(description).toMatch(/^(A|An) [a-z]/);
    expect(description).not.toMatch(/\bA [aeiou]/);
    expect(description).not.toMatch(/\b(\w+) \1\b/);
    expect(description).not.toMatch(/\b(space|hackerspace) space\b/);
  },
);
