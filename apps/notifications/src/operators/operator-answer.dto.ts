// What the operators' API answers, for its OpenAPI document: the zod schemas the views' types must match.
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { Same } from '@cocomo/platform';
import type { operatorView, tokenView } from './operator-view';

const operatorSchema = z.object({
  id: z.string().uuid(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  countries: z.array(z.string()).nullable().describe('null: every country'),
  disabled: z.boolean(),
  secondFactor: z.boolean().describe('Whether signing in asks for a TOTP code after the password'),
  lockedUntil: z.string().nullable().describe('Locked after too many wrong passwords or codes, until then'),
  createdAt: z.string(),
});
const tokenSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revoked: z.boolean(),
});

const operatorKeepsItsShape: Same<z.input<typeof operatorSchema>, ReturnType<typeof operatorView>> = true;
const tokenKeepsItsShape: Same<z.input<typeof tokenSchema>, ReturnType<typeof tokenView>> = true;
void [operatorKeepsItsShape, tokenKeepsItsShape];

export class OperatorAnswerDto extends createZodDto(operatorSchema) {}
export class OperatorListDto extends createZodDto(z.object({ items: z.array(operatorSchema) })) {}
export class TokenListDto extends createZodDto(z.object({ items: z.array(tokenSchema) })) {}
export class NewTokenAnswerDto extends createZodDto(
  z.object({
    id: z.string().uuid(),
    name: z.string(),
    token: z.string().describe('The token, shown this once: send it as Authorization: Bearer <token>'),
    expiresAt: z.string(),
  }),
) {}
export class RevokedTokenDto extends createZodDto(
  z.object({ id: z.string().uuid(), revoked: z.literal(true) }),
) {}
