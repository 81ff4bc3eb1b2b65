// What every metric is computed over: a period and, optionally, a country; and the arithmetic they share.

/** The period is [from, to); `from` null means since the beginning. */
export interface MetricsScope {
  from: Date | null;
  to: Date;
  country: string | null;
}

export const within = (iso: string | null, scope: MetricsScope): boolean => {
  if (!iso) return false;
  const time = Date.parse(iso);
  return (scope.from === null || time >= scope.from.getTime()) && time < scope.to.getTime();
};

export const inCountry = (country: string | null, scope: MetricsScope) =>
  scope.country === null || country === scope.country;

/** Rounded to four decimals; null when there is nothing to divide by. */
export const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

export const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
