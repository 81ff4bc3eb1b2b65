import { Batch } from './batch';

describe('a batch', () => {
  it('serves the calls made in the same moment with one run, each with its own answer', async () => {
    const runs: number[][] = [];
    const batch = new Batch<number, number>(async (inputs) => (runs.push(inputs), inputs.map((n) => n * 2)));
    expect(await Promise.all([batch.call(1), batch.call(2), batch.call(3)])).toEqual([2, 4, 6]);
    expect(await batch.call(4)).toBe(8);
    expect(runs).toEqual([[1, 2, 3], [4]]);
  });

  it('runs at once when it is full', async () => {
    const runs: number[][] = [];
    const batch = new Batch<number, number>(async (inputs) => (runs.push(inputs), inputs), 2);
    await Promise.all([batch.call(1), batch.call(2), batch.call(3)]);
    expect(runs).toEqual([[1, 2], [3]]);
  });

  it('passes a failed run on to every call in it', async () => {
    const batch = new Batch<number, number>(async () => {
      throw new Error('database down');
    });
    const results = await Promise.allSettled([batch.call(1), batch.call(2)]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });
});
