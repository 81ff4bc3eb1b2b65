import { isCrossSiteOperatorWrite } from './cross-site-operator-writes';

const basic = `Basic ${Buffer.from('operator:token').toString('base64')}`;
const request = (method: string, headers: Record<string, string>) => ({ method, headers });

describe('a write that would act with the operator browser login', () => {
  it.each([
    ['POST', 'cross-site'],
    ['POST', 'same-site'],
    ['PUT', 'cross-site'],
    ['DELETE', 'Cross-Site'],
  ])('is refused: %s from %s', (method, site) => {
    expect(isCrossSiteOperatorWrite(request(method, { authorization: basic, 'sec-fetch-site': site }))).toBe(
      true,
    );
  });

  it.each([
    ['a write from the page itself', 'POST', { authorization: basic, 'sec-fetch-site': 'same-origin' }],
    [
      'a write the person started (typed, bookmarked)',
      'POST',
      { authorization: basic, 'sec-fetch-site': 'none' },
    ],
    ['a read from another site', 'GET', { authorization: basic, 'sec-fetch-site': 'cross-site' }],
    [
      'a Bearer token, which no browser sends on its own',
      'POST',
      { authorization: 'Bearer token', 'sec-fetch-site': 'cross-site' },
    ],
    ['a tool that says nothing of sites (curl -u)', 'POST', { authorization: basic }],
    ['a public write, without credentials', 'POST', { 'sec-fetch-site': 'cross-site' }],
  ])('is let through: %s', (_case, method, headers) => {
    expect(isCrossSiteOperatorWrite(request(method, headers))).toBe(false);
  });
});
