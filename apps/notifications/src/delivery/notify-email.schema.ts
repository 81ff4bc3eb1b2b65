// The notify.email command as it must arrive, checked before anything is rendered or stored.
import { z } from 'zod';

/** It becomes the BullMQ job id and the Message-ID's left part: no ':', '<', '>', '@' or spaces. */
export const NOTIFICATION_ID = /^[A-Za-z0-9][A-Za-z0-9._=+-]{0,199}$/;

const webUrl = z
  .string()
  .url('must be a URL')
  .refine((value) => /^https?:\/\//i.test(value), 'must start with http:// or https://');

export const notifyEmailSchema = z.object({
  notificationId: z.string().regex(NOTIFICATION_ID, 'must be 1-200 letters, digits or ._=+-'),
  template: z.string().regex(/^[a-z0-9-]{1,100}$/, 'must be a template id such as space-verify'),
  locale: z.string().max(35).default('en'),
  to: z.object({
    email: z.string().email('must be an email address').max(320),
    name: z.string().max(200).optional(),
  }),
  data: z.record(z.unknown()),
  actions: z
    .array(z.object({ label: z.string().min(1).max(200), url: webUrl }))
    .max(10)
    .default([]),
});

export type ValidNotifyEmail = z.output<typeof notifyEmailSchema>;

export function commandProblems(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(command)'}: ${issue.message}`).join('; ');
}
