// The CPU a span of a bench costs each side, so that a section can say where an answer's time goes: a service
// process, the PostgreSQL backends of the section's database, and the bench process itself (its HTTP load
// generator or its SQL callers), read from /proc and process.cpuUsage at the span's two ends.
import { cpuMs, cpuMsNamed } from './booking-load';

export interface CpuUse {
  /** The service process; 0 when the span has none. */
  serviceMs: number;
  postgresMs: number;
  benchMs: number;
}

function readCpu(database: string, servicePid?: number): CpuUse {
  const bench = process.cpuUsage();
  return {
    serviceMs: servicePid === undefined ? 0 : cpuMs(servicePid),
    postgresMs: cpuMsNamed('postgres', database),
    benchMs: (bench.user + bench.system) / 1000,
  };
}

/**
 * Starts counting; the function returned gives what was spent since. A backend that ends within the span takes
 * its time with it, so a span must end before its connections close.
 */
export function countCpu(databaseUrl: string, servicePid?: number): () => CpuUse {
  const database = new URL(databaseUrl).pathname.slice(1);
  const start = readCpu(database, servicePid);
  return () => {
    const end = readCpu(database, servicePid);
    return {
      serviceMs: end.serviceMs - start.serviceMs,
      postgresMs: end.postgresMs - start.postgresMs,
      benchMs: end.benchMs - start.benchMs,
    };
  };
}

/** Each side's CPU milliseconds per answer (or statement), to two places. */
export function cpuPer(use: CpuUse, answers: number): CpuUse {
  const per = (ms: number) => Math.round((ms / Math.max(answers, 1)) * 100) / 100;
  return { serviceMs: per(use.serviceMs), postgresMs: per(use.postgresMs), benchMs: per(use.benchMs) };
}

/** Where an answer's CPU went: the directory, PostgreSQL, and the load generator in the bench process. */
export function cpuOfAnswer(use: CpuUse) {
  return { directory: use.serviceMs, postgres: use.postgresMs, loadGenerator: use.benchMs };
}

/** Where a statement's CPU went when sent straight to PostgreSQL: its backends, and the callers in the bench. */
export function cpuOfStatement(use: CpuUse) {
  return { postgres: use.postgresMs, callers: use.benchMs };
}

const SIDE_NAMES: Record<string, string> = {
  directory: 'directory',
  postgres: 'PostgreSQL',
  loadGenerator: 'load generator',
  callers: 'callers',
};

/** A table's line: each side's milliseconds, by name (`directory 1.17, PostgreSQL 1.51, …`). */
export function describeCpu(
  sides: ReturnType<typeof cpuOfAnswer> | ReturnType<typeof cpuOfStatement>,
): string {
  return Object.entries(sides)
    .map(([side, ms]) => `${SIDE_NAMES[side]} ${ms}`)
    .join(', ');
}
