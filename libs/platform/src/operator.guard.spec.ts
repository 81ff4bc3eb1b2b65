import { presentedOperatorToken, sameSecret } from './operator.guard';

describe('the operator token', () => {
  it.each([
    ['Bearer secret-token', 'secret-token'],
    ['bearer secret-token', 'secret-token'],
    [`Basic ${Buffer.from('operator:secret-token').toString('base64')}`, 'secret-token'],
    [`Basic ${Buffer.from(':secret-token').toString('base64')}`, 'secret-token'],
    ['Token secret-token', undefined],
    [undefined, undefined],
  ])('is read from %j', (header, token) => expect(presentedOperatorToken(header)).toBe(token));

  it('compares equal and unequal secrets of any length', () => {
    expect(sameSecret('secret-token', 'secret-token')).toBe(true);
    expect(sameSecret('secret-tokem', 'secret-token')).toBe(false);
    expect(sameSecret('', 'secret-token')).toBe(false);
    expect(sameSecret('secret-token-and-more', 'secret-token')).toBe(false);
  });
});
