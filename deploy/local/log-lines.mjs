// Turns a service's JSON log lines (pino) into lines a person reads at a glance; other lines pass unchanged.
import process from 'node:process';

const LEVELS = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (useColour ? `\x1b[${code}m${text}\x1b[0m` : text);
const LEVEL_COLOURS = { WARN: 33, ERROR: 31, FATAL: 31, DEBUG: 90, TRACE: 90 };
const SERVICE_COLOURS = [36, 35, 32, 34, 33, 96];
// Nest's start-up listing of every module and route: useful in the log file, noise on the screen.
const CHATTER = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

export function servicePrefix(name, width, index) {
  return paint(SERVICE_COLOURS[index % SERVICE_COLOURS.length], `${name.padEnd(width)} |`);
}

function clock(time) {
  const date = typeof time === 'number' ? new Date(time) : new Date();
  return date.toTimeString().slice(0, 8);
}

/**
 * The readable form of one line of output: JSON from pino becomes "12:00:01 INFO  message …", start-up chatter
 * becomes undefined (not shown), anything else stays as it is.
 */
export function readableLine(line) {
  if (!line.startsWith('{')) return line;
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof entry.level !== 'number') return line;
  if (CHATTER.has(entry.context) && entry.level < 40) return undefined;
  const level = LEVELS[entry.level] ?? String(entry.level);
  const parts = [paint(90, clock(entry.time)), paint(LEVEL_COLOURS[level] ?? 0, level.padEnd(5))];
  if (entry.context) parts.push(paint(90, `[${entry.context}]`));
  if (entry.req && entry.res) {
    // A request log from pino-http: the request, the answer and how long it took.
    parts.push(`${entry.req.method} ${entry.req.url} -> ${entry.res.statusCode} (${entry.responseTime} ms)`);
  } else {
    parts.push(entry.msg ?? '');
  }
  if (entry.correlationId) parts.push(paint(90, `corr=${entry.correlationId}`));
  const error = entry.err ?? entry.error;
  if (error?.stack) parts.push(`\n    ${String(error.stack).split('\n').join('\n    ')}`);
  else if (error?.message) parts.push(`(${error.message})`);
  return parts.join(' ');
}
