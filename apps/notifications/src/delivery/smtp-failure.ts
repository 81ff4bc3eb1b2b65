// What an SMTP error means for the next attempt: a 55x answer refuses this message for good (no such mailbox,
// policy); anything else (4xx, a lost connection, a timeout) may pass later.
export function isPermanentRefusal(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 550 && code <= 559;
}

/** One line for operators: the server's answer when there is one, else the error. */
export function describeFailure(error: unknown): string {
  const { response, message } = (error ?? {}) as { response?: unknown; message?: unknown };
  const text = typeof response === 'string' && response ? response : String(message ?? error);
  return text.replace(/\s+/g, ' ').trim().slice(0, 1000);
}
