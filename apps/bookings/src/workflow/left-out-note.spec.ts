import { leftOutNote } from './booking-mails';

describe('why no space could take a request', () => {
  it('counts the spaces left out, by why, in a fixed order', () => {
    expect(leftOutNote({ booked: 2, paused: 1 })).toBe(
      '3 spaces that fit could not take it at that time: 1 paused, 2 booked then.',
    );
    expect(leftOutNote({ outside_hours: 1 })).toBe(
      '1 space that fits could not take it at that time: 1 outside their opening hours.',
    );
  });

  it("says it in the organizer's language", () => {
    expect(leftOutNote({ booked: 2, paused: 1 }, 'es')).toBe(
      '3 espacios adecuados no podían acogerlo a esa hora: 1 en pausa y 2 reservados entonces.',
    );
  });

  it('says nothing when no space was left out', () => {
    expect(leftOutNote(null)).toBeUndefined();
    expect(leftOutNote({})).toBeUndefined();
    expect(leftOutNote({ closed: 0 })).toBeUndefined();
  });
});
