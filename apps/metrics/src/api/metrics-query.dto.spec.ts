import { knownProblem, problemIn } from '@cocomo/platform';
import { metricsQuerySchema, timeseriesQuerySchema } from './metrics-query.dto';

/** The words of each problem a query gets, by field. */
function refusals(schema: typeof metricsQuerySchema | typeof timeseriesQuerySchema, query: object) {
  const parsed = schema.safeParse(query);
  if (parsed.success) throw new Error(`${JSON.stringify(query)} was taken`);
  return parsed.error.issues.map((issue) => ({ field: String(issue.path[0]), problem: issue.message }));
}

describe("the metrics API's refusals", () => {
  it.each([
    [{ from: 'last week' }, 'from', metricsQuerySchema],
    [{ to: '2027-13-45' }, 'to', metricsQuerySchema],
    [{ country: 'Germany' }, 'country', metricsQuerySchema],
    [{ from: '2027-03-02', to: '2027-03-01' }, 'from', metricsQuerySchema],
    [{ metric: 'everything' }, 'metric', timeseriesQuerySchema],
    [{ interval: 'day' }, 'interval', timeseriesQuerySchema],
  ])('%j: names %s, in the reader’s language', (query, field, schema) => {
    const [refused] = refusals(schema, query);
    expect(refused.field).toBe(field);
    expect(knownProblem(refused.problem)).toBeDefined();
    expect(problemIn('de', refused).problem).not.toBe(refused.problem);
  });
});
