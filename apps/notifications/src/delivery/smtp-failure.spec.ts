import { describeFailure, isPermanentRefusal } from './smtp-failure';

const smtpError = (responseCode: number, response: string) =>
  Object.assign(new Error(`Message failed: ${response}`), { responseCode, response });

describe('an SMTP failure', () => {
  it.each([
    [smtpError(550, '550 5.1.1 No such user'), true],
    [smtpError(554, '554 5.7.1 Rejected by policy'), true],
    [smtpError(451, '451 4.3.0 Try again later'), false],
    [smtpError(421, '421 Service not available'), false],
    [smtpError(535, '535 Authentication failed'), false],
    [Object.assign(new Error('Connection closed'), { code: 'ECONNECTION' }), false],
    [new Error('Timeout'), false],
  ])('%s is permanent: %s', (error, permanent) => expect(isPermanentRefusal(error)).toBe(permanent));

  it("is described by the server's answer, on one line", () => {
    expect(describeFailure(smtpError(451, '451 4.3.0 Try\r\n again later'))).toBe(
      '451 4.3.0 Try again later',
    );
    expect(describeFailure(new Error('connect ECONNREFUSED 127.0.0.1:25'))).toBe(
      'connect ECONNREFUSED 127.0.0.1:25',
    );
  });
});
