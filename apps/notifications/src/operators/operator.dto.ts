// What the operators' API accepts, checked at the edge.
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ROLES } from '@cocomo/platform';
import { MIN_PASSWORD_LENGTH } from './passwords';

const roles = z
  .array(z.enum(ROLES, { errorMap: () => ({ message: `must be one of ${ROLES.join(', ')}` }) }))
  .min(1, 'must name at least one role');
/** null (or absent on creation) for every country; else ISO 3166-1 alpha-2 codes. */
const countries = z
  .array(
    z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'must be two-letter country codes')
      .transform((c) => c.toUpperCase()),
  )
  .min(1, 'must name at least one country, or be null for all')
  .nullable();

export const newOperatorSchema = z.object({
  email: z.string().trim().email('must be an email address').max(254),
  name: z.string().trim().min(1, 'must not be empty').max(120),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(1000),
  roles,
  countries: countries.default(null),
});
export class NewOperatorDto extends createZodDto(newOperatorSchema) {}

export const operatorChangeSchema = z
  .object({
    roles: roles.optional(),
    countries: countries.optional(),
    disabled: z.boolean().optional(),
    // For an operator who lost their phone and their recovery codes; only they can turn it on, on their page.
    secondFactor: z
      .literal(false, { errorMap: () => ({ message: 'can only be false: only its operator turns it on' }) })
      .optional(),
  })
  .strict();
export class OperatorChangeDto extends createZodDto(operatorChangeSchema) {}

export const newTokenSchema = z.object({ name: z.string().trim().min(1, 'must not be empty').max(80) });
export class NewTokenDto extends createZodDto(newTokenSchema) {}

export const tokenUsesSchema = z.object({ tokens: z.array(z.string().max(4000)).max(500) });
export class TokenUsesDto extends createZodDto(tokenUsesSchema) {}
