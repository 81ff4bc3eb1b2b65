import { HOTP, Secret, TOTP } from 'otpauth';
import { matchingStep, newTotpSecret, otpauthUri } from './totp';

describe('HOTP (RFC 4226, appendix D), as otpauth computes it', () => {
  it.each([
    [0, '755224'],
    [1, '287082'],
    [2, '359152'],
    [3, '969429'],
    [4, '338314'],
    [5, '254676'],
    [6, '287922'],
    [7, '162583'],
    [8, '399871'],
    [9, '520489'],
  ])('counter %i gives %s', (counter, code) => {
    expect(HOTP.generate({ secret: Secret.fromLatin1('12345678901234567890'), counter })).toBe(code);
  });
});

describe('TOTP (RFC 6238, appendix B: eight digits, steps of 30 s), as otpauth computes it', () => {
  const seeds = {
    SHA1: '12345678901234567890',
    SHA256: '12345678901234567890123456789012',
    SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
  };
  it.each([
    [59, 'SHA1', '94287082'],
    [59, 'SHA256', '46119246'],
    [59, 'SHA512', '90693936'],
    [1111111109, 'SHA1', '07081804'],
    [1111111109, 'SHA256', '68084774'],
    [1111111109, 'SHA512', '25091201'],
    [1111111111, 'SHA1', '14050471'],
    [1111111111, 'SHA256', '67062674'],
    [1111111111, 'SHA512', '99943326'],
    [1234567890, 'SHA1', '89005924'],
    [1234567890, 'SHA256', '91819424'],
    [1234567890, 'SHA512', '93441116'],
    [2000000000, 'SHA1', '69279037'],
    [2000000000, 'SHA256', '90698825'],
    [2000000000, 'SHA512', '38618901'],
    [20000000000, 'SHA1', '65353130'],
    [20000000000, 'SHA256', '77737706'],
    [20000000000, 'SHA512', '47863826'],
  ] as const)('at %i s with %s the code is %s', (seconds, algorithm, code) => {
    const secret = Secret.fromLatin1(seeds[algorithm]);
    expect(TOTP.generate({ secret, algorithm, digits: 8, period: 30, timestamp: seconds * 1000 })).toBe(code);
  });
});

describe('checking a typed code', () => {
  const key = Secret.fromLatin1('12345678901234567890');
  const secret = key.base32;
  const at = 1111111111_000;
  const codeAt = (ms: number) => TOTP.generate({ secret: key, timestamp: ms });
  const step = BigInt(Math.floor(1111111111 / 30));

  it.each([
    ['the code of now', codeAt(at), step],
    ['the code of the step before (a slow clock)', codeAt(at - 30_000), step - 1n],
    ['the code of the step after (a fast clock)', codeAt(at + 30_000), step + 1n],
    ['a code typed with a space in it', `${codeAt(at).slice(0, 3)} ${codeAt(at).slice(3)}`, step],
    ['the code of two steps before', codeAt(at - 60_000), undefined],
    ['five digits', codeAt(at).slice(1), undefined],
    ['letters', 'abcdef', undefined],
  ])('%s: %s', (_case, code, expected) => {
    expect(matchingStep(secret, code, at)).toBe(expected);
  });

  it('a code counts once: not again, nor one of an earlier step, once a step was used', () => {
    expect(matchingStep(secret, codeAt(at), at, step)).toBeUndefined();
    expect(matchingStep(secret, codeAt(at - 30_000), at, step)).toBeUndefined();
    expect(matchingStep(secret, codeAt(at + 30_000), at, step)).toBe(step + 1n);
  });

  it('a secret that is not base32 matches no code', () => {
    expect(matchingStep('MZXW1', codeAt(at), at)).toBeUndefined();
  });
});

it('a new secret is 160 random bits in base32', () => {
  const secrets = [newTotpSecret(), newTotpSecret()];
  for (const one of secrets) {
    expect(one).toMatch(/^[A-Z2-7]{32}$/);
    expect(Secret.fromBase32(one).bytes).toHaveLength(20);
  }
  expect(secrets[0]).not.toBe(secrets[1]);
});

it('the otpauth address names CoCoMo, the operator and the secret', () => {
  expect(otpauthUri('JBSWY3DPEHPK3PXP', 'ana@example.org')).toBe(
    'otpauth://totp/CoCoMo:ana%40example.org?issuer=CoCoMo&secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30',
  );
});
