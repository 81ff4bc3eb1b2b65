import { inScope, mayDo, rightOfRoute, ROLES, type Right } from './operator-rights';

describe('the rights of the four roles', () => {
  it.each<[string, Right, boolean]>([
    ['admin', 'operators', true],
    ['admin', 'review', true],
    ['admin', 'dispatch', true],
    ['admin', 'watch', true],
    ['reviewer', 'review', true],
    ['reviewer', 'dispatch', false],
    ['reviewer', 'operators', false],
    ['dispatcher', 'dispatch', true],
    ['dispatcher', 'review', false],
    ['viewer', 'watch', true],
    ['viewer', 'review', false],
    ['viewer', 'dispatch', false],
    ['viewer', 'operators', false],
  ])('%s may do %s: %s', (role, right, may) => expect(mayDo([role], right)).toBe(may));

  it('every role manages its own account, and an unknown role nothing', () => {
    for (const role of ROLES) expect(mayDo([role], 'self')).toBe(true);
    expect(mayDo(['owner'], 'watch')).toBe(false);
    expect(mayDo([], 'self')).toBe(false);
  });

  it('a route missing from the table needs the admin’s right', () => {
    expect(rightOfRoute('POST', '/api/spaces/:id/approve')).toBe('review');
    expect(rightOfRoute('put', '/queues')).toBe('operators');
    expect(rightOfRoute('GET', '/something/new')).toBe('operators');
  });

  it.each([
    [null, 'IN', true],
    [['IN'], 'in', true],
    [['IN', 'DE'], 'DE', true],
    [['IN'], 'DE', false],
  ])('an operator for %j acts in %s: %s', (countries, country, inside) =>
    expect(inScope(countries, country)).toBe(inside),
  );
});
