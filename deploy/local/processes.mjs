// The child processes start.mjs runs: their output, each line prefixed with its name, and stopping them all.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import process from 'node:process';
import { createInterface } from 'node:readline';
import { clearTimeout, setTimeout } from 'node:timers';
import { readableLine, servicePrefix } from './log-lines.mjs';

const PREFIX_WIDTH = 'notifications'.length;
const STOP_GRACE_MS = 15_000;
const running = new Set();
let colourIndex = 0;

/**
 * Starts `command args` with its output shown line by line behind `name |`, and, when `logFile` is given,
 * every raw line (the JSON a log tool would read) kept there too.
 */
export function startProcess(name, command, args, { env, cwd, logFile } = {}) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = servicePrefix(name, PREFIX_WIDTH, colourIndex++);
  const log = logFile ? createWriteStream(logFile, { flags: 'w' }) : undefined;
  const follow = (stream, out) => {
    createInterface({ input: stream }).on('line', (line) => {
      log?.write(`${line}\n`);
      const readable = readableLine(line);
      if (readable === undefined) return;
      for (const shown of readable.split('\n')) out.write(`${prefix} ${shown}\n`);
    });
  };
  follow(child.stdout, process.stdout);
  follow(child.stderr, process.stderr);

  const entry = { name, child, startedAt: Date.now(), exitCode: undefined, signal: undefined };
  entry.exited = new Promise((resolve) => {
    child.on('error', (error) => {
      process.stderr.write(`${prefix} could not start: ${error.message}\n`);
      entry.exitCode = 127;
      running.delete(entry);
      resolve(entry);
    });
    child.on('exit', (code, signal) => {
      entry.exitCode = code;
      entry.signal = signal;
      running.delete(entry);
      log?.end();
      resolve(entry);
    });
  });
  running.add(entry);
  return entry;
}

/** Runs a command to its end; resolves with its exit code (or 1 when a signal ended it). */
export async function runToEnd(name, command, args, options) {
  const { exitCode } = await startProcess(name, command, args, options).exited;
  return exitCode ?? 1;
}

/**
 * Stops every child still running, newest first (the router before the services behind it): SIGTERM, then a
 * wait for its own graceful shutdown; a child still alive after the grace period is killed.
 */
export async function stopAll(say = () => undefined) {
  for (const entry of [...running].reverse()) {
    say(`stopping ${entry.name}`);
    entry.child.kill('SIGTERM');
    const timer = setTimeout(() => {
      say(`${entry.name} did not stop within ${STOP_GRACE_MS / 1000}s; killing it`);
      entry.child.kill('SIGKILL');
    }, STOP_GRACE_MS);
    await entry.exited;
    clearTimeout(timer);
  }
}

/** Last resort when start.mjs itself ends unexpectedly: no child is left behind. */
export function killAllNow() {
  for (const entry of running) entry.child.kill('SIGTERM');
}
