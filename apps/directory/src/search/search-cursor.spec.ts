import { randomUUID } from 'node:crypto';
import { decodeCursor, encodeCursor } from './search-cursor';

describe('search cursors', () => {
  it.each([1234.5678, 'Pune Hackerspace', 0])('round-trip the sort key %j and id', (key) => {
    const cursor = { key, id: randomUUID() };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    'garbage',
    '',
    Buffer.from('[1]').toString('base64url'),
    Buffer.from('[1,"x; drop table"]').toString('base64url'),
  ])('refuse %j', (text) => expect(decodeCursor(text)).toBeUndefined());
});
