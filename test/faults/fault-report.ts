// What a fault run must show: the promises of the system, each as a line that says what was broken.
import type { FaultRunReport } from './fault-run';

export function faultProblems(report: FaultRunReport): string[] {
  const problems: string[] = [];
  if (report.bookingsCreated !== report.workflows)
    problems.push(`${report.workflows - report.bookingsCreated} requests got no booking`);
  if (report.bookingsLost) problems.push(`${report.bookingsLost} bookings lost`);
  if (report.bookingsStuck)
    problems.push(`${report.bookingsStuck} bookings stuck: ${JSON.stringify(report.stuckStates)}`);
  if (report.serverAnswers.otherServerErrors)
    problems.push(`${report.serverAnswers.otherServerErrors} answers were a 5xx other than 503`);
  const { total, atKill } = report.duplicateMails;
  if (total > atKill) problems.push(`${total - atKill} mails sent twice, not at a SIGKILL of their sender`);
  problems.push(...report.metricsMismatches.map((mismatch) => `metrics disagree: ${mismatch}`));
  if (report.redisFlushes !== 1) problems.push('Redis was not flushed during the run');
  if (report.postgresOutages !== 1) problems.push('PostgreSQL did not go away during the run');
  if (Object.values(report.kills).reduce((a, b) => a + b, 0) === 0) problems.push('no service was killed');
  return problems;
}
