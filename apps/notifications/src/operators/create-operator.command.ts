// `main.js create-operator --email … --name … [--role admin] [--countries DE,FR] [--if-missing]`: makes an
// operator, the first one included (production has no default credential). The password comes from
// OPERATOR_PASSWORD or the first line of standard input, never from the command line, where other users of the
// machine could read it.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import { ROLES, type Role } from '@cocomo/platform';
import { OperatorAccounts } from './operator-accounts';
import { OperatorRecord } from './operator-record';
import { newOperatorSchema } from './operator.dto';
import { hashPassword } from './passwords';

async function firstLineOfInput(): Promise<string> {
  if (process.stdin.isTTY)
    process.stderr.write('Password (it shows as you type; or set OPERATOR_PASSWORD): ');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

export async function createOperator(context: INestApplicationContext, argv = process.argv.slice(3)) {
  const { values } = parseArgs({
    args: argv,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      countries: { type: 'string' },
      // For `npm start` in development: an operator of that email already there is no failure.
      'if-missing': { type: 'boolean' },
    },
  });
  const password = process.env.OPERATOR_PASSWORD || (await firstLineOfInput());
  const parsed = newOperatorSchema.safeParse({
    email: values.email,
    name: values.name ?? values.email,
    password,
    roles: (values.role ?? ['admin']).flatMap((role) => role.split(',')) as Role[],
    countries: values.countries ? values.countries.split(',') : null,
  });
  if (!parsed.success) {
    const flag = (field: unknown) => (field === 'roles' ? 'role' : String(field));
    const problems = parsed.error.issues
      .map((issue) => `  --${flag(issue.path[0])}: ${issue.message}`)
      .join('\n');
    throw new Error(`create-operator: ${problems.trim()}\n(roles: ${ROLES.join(', ')})`);
  }
  const accounts = context.get(OperatorAccounts);
  if (await accounts.byEmail(parsed.data.email)) {
    if (values['if-missing']) return void process.stdout.write(`Operator ${parsed.data.email} exists\n`);
    throw new Error(`An operator with ${parsed.data.email} exists`);
  }
  const id = await accounts.create({
    ...parsed.data,
    passwordHash: await hashPassword(parsed.data.password),
  });
  // Made from the machine itself: the record names the command as the actor.
  await context.get(OperatorRecord).add({
    actorId: null,
    actorEmail: 'create-operator',
    action: 'operator-made',
    subject: id,
    address: null,
  });
  process.stdout.write(
    `Operator ${parsed.data.email} (${parsed.data.roles.join(', ')}) created: ${id}. Sign in at /operators/sign-in\n`,
  );
}
