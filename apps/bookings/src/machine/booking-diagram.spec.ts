import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bookingDiagram, bookingMachineDoc, readmeWithDiagram } from './booking-diagram';

describe('the booking machine diagram', () => {
  it('draws every transition of the table', () => {
    const diagram = bookingDiagram();
    expect(diagram).toContain('pending_host --> confirmed: host accepts');
    expect(diagram).toContain('confirmed --> seeking_fallback: late denial');
    expect(diagram).toContain('seeking_fallback --> confirmed: host accepts');
    expect(diagram).toContain('unplaced --> confirmed: operator assigns');
    expect(diagram).toContain('awaiting_report --> held: report');
    expect(diagram).toMatch(/pending_host --> confirmed: .*organizer takes an offered time/);
    expect(diagram).toMatch(/seeking_fallback --> confirmed: .*organizer takes an offered time/);
    expect(diagram).toContain('unplaced --> confirmed: operator assigns, organizer takes an offered time');
    expect(diagram).toMatch(/pending_host --> pending_host: .*offered time booked meanwhile/);
    expect(diagram).toContain('unplaced --> unplaced: offered time booked meanwhile');
  });

  it('is the one in docs/booking-machine.md (run `npm run docs:machine` after changing the machine)', () => {
    const doc = readFileSync(path.resolve(__dirname, '../../../../docs/booking-machine.md'), 'utf8');
    expect(doc).toBe(bookingMachineDoc());
  });

  it('is the one in README.md', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../../../README.md'), 'utf8');
    expect(readme).toBe(readmeWithDiagram(readme));
  });
});
