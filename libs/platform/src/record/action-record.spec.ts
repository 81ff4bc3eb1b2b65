import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import { recordEntry } from '@cocomo/contracts';
import type { Outbox } from '@cocomo/messaging';
import { setCredential, type OperatorIdentity } from '../operators/operator-identity';
import { ActionRecord, linkActor, operatorActor } from './action-record';

const signedIn = (kind: OperatorIdentity['kind']) => {
  const request = {
    ip: '203.0.113.7',
    method: 'POST',
    route: { path: '/review/:id/approve' },
    headers: { 'x-csrf-token': 'the-form-token' },
  } as unknown as Request;
  setCredential(request, {
    identity: {
      id: 'f3b0c6de-5a4e-4c1b-9a0e-6c2d8f1e7a10',
      email: 'ada@operators.test',
      name: 'Ada',
      roles: ['reviewer'],
      countries: null,
      kind,
      credentialId: 'c1',
      csrf: 'the-form-token',
    },
  });
  return request;
};

describe('who acts, as the record keeps them', () => {
  it.each([
    ['a signed-in operator, by their account', 'session', 'f3b0c6de-5a4e-4c1b-9a0e-6c2d8f1e7a10'],
    ['a personal token, by its account', 'token', 'f3b0c6de-5a4e-4c1b-9a0e-6c2d8f1e7a10'],
    ['the development token, which has no account', 'development', null],
  ] as const)('%s', (_name, kind, id) => {
    expect(operatorActor(signedIn(kind))).toEqual({
      kind: 'operator',
      id,
      email: 'ada@operators.test',
      address: '203.0.113.7',
    });
  });

  it("a link's holder, by the email the link was sent to", () => {
    const request = { ip: '198.51.100.4' } as Request;
    expect(linkActor(request, 'organizer', 'rhea@example.org')).toEqual({
      kind: 'organizer',
      id: null,
      email: 'rhea@example.org',
      address: '198.51.100.4',
    });
  });

  it("an entry is a record.entry in the action's unit of work, with what it was on", () => {
    const added: unknown[][] = [];
    const outbox = { add: (...args: unknown[]) => added.push(args) } as unknown as Outbox;
    const em = {} as EntityManager;
    const by = { kind: 'host' as const, id: null, email: 'anna@example.org', address: '::1' };
    new ActionRecord(outbox).add(em, by, 'space-verified', { spaceId: 'a-space' });
    expect(added).toEqual([
      [
        em,
        recordEntry,
        {
          actor: { kind: 'host', id: null, email: 'anna@example.org' },
          action: 'space-verified',
          at: expect.any(String),
          spaceId: 'a-space',
          bookingId: null,
          detail: null,
          address: '::1',
        },
      ],
    ]);
  });
});
