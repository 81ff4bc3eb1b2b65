import { DUE_TOGETHER, TIMERS_PER_JOB, timerJobs, type DueTogether, type TimerRow } from './timer-jobs';

const at = (iso: string) => new Date(iso);
const row = (id: string, due: Date): TimerRow => ({
  id,
  name: 'booking.timer-due',
  payload: { bookingId: id },
  due_at: due,
});

describe('timerJobs', () => {
  it('gives a timer alone a job of its own, of its id, carrying its message', () => {
    const [job, ...more] = timerJobs([row('a', at('2027-01-15T18:00:00.000Z'))]);
    expect(more).toEqual([]);
    expect(job).toMatchObject({ id: 'a', name: 'booking.timer-due', timerIds: ['a'] });
    expect(job.dueAt).toBe(at('2027-01-15T18:00:00.000Z').getTime());
    expect(job.data).toMatchObject({
      id: 'a',
      timer: true,
      occurredAt: '2027-01-15T18:00:00.000Z',
      payload: { bookingId: 'a' },
    });
  });

  it('puts the timers due at the same millisecond in one job, and those a millisecond apart in two', () => {
    const jobs = timerJobs([
      row('a', at('2027-01-15T18:00:00.000Z')),
      row('b', at('2027-01-15T18:00:00.001Z')),
      row('c', at('2027-01-15T18:00:00.000Z')),
    ]);
    expect(jobs.map((job) => job.timerIds)).toEqual([['a', 'c'], ['b']]);
    const [together, alone] = jobs;
    expect(together.name).toBe(DUE_TOGETHER);
    expect(together.id).not.toBe('a');
    expect(together.id).not.toBe('c');
    expect((together.data as DueTogether).timers.map((timer) => timer.id)).toEqual(['a', 'c']);
    expect(alone.id).toBe('b');
  });

  it(`carries at most ${TIMERS_PER_JOB} timers in a job, each timer in exactly one job of its own id`, () => {
    const due = at('2027-01-15T18:00:00.000Z');
    const rows = Array.from({ length: TIMERS_PER_JOB * 2 + 1 }, (_, index) => row(`t${index}`, due));
    const jobs = timerJobs(rows);
    expect(jobs.map((job) => job.timerIds.length)).toEqual([TIMERS_PER_JOB, TIMERS_PER_JOB, 1]);
    expect(jobs.flatMap((job) => job.timerIds)).toEqual(rows.map((timer) => timer.id));
    expect(new Set(jobs.map((job) => job.id)).size).toBe(3);
  });
});
