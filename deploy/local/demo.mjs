// `npm run demo`: plays a narrated story against the running system (`npm start`) through its router — see
// demo-story.mjs for the story and demo-client.mjs for how it reads mails and presses their buttons. The router's
// address, the operator token and the operators' address come from the same environment `npm start` reads (DEMO_URL overrides the address).
// The report step needs a short BOOKING_REPORT_AFTER in the running system: `BOOKING_REPORT_AFTER=10s npm start`.
import { randomBytes } from 'node:crypto';
import process from 'node:process';

/* global fetch -- Node's own, since Node 18 */
import { createStory } from './demo-story.mjs';
import { readEnvironment, routerPortFrom } from './routes.mjs';

const bold = (text) => (process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[1m${text}\x1b[0m` : text);
const out = {
  step: (text) => process.stdout.write(`\n${bold(`==> ${text}`)}\n`),
  say: (text) => process.stdout.write(`    ${text}\n`),
  mail: (mail) => process.stdout.write(`      mail to ${mail.recipient}: "${mail.subject}"\n`),
};

async function main() {
  const env = readEnvironment();
  const base = (process.env.DEMO_URL || `http://127.0.0.1:${routerPortFrom(env)}`).replace(/\/+$/, '');
  const health = await fetch(`${base}/health`).catch(() => undefined);
  if (!health?.ok) {
    const state = health ? `not healthy (${base}/health answered ${health.status})` : 'not running';
    throw new Error(
      `CoCoMo is ${state} at ${base}. Start it first with "BOOKING_REPORT_AFTER=10s npm start" ` +
        '(the short delay lets the demo show the event report), then run "npm run demo" again.',
    );
  }
  const runId = randomBytes(2).toString('hex');
  const operator = { operatorToken: env.OPERATOR_TOKEN, operatorEmail: env.OPERATOR_EMAIL };
  await createStory({ base, ...operator, out, runId }).play();
}

main().catch((error) => {
  process.stderr.write(`\ndemo: ${error?.message ?? String(error)}\n`);
  process.exit(1);
});
