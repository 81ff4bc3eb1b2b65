// The protocol's delays, from the environment (BOOKING_*), in the machine's terms.
import type { Environment } from '@cocomo/config';
import type { MachineSettings } from '../machine/booking-vocabulary';

export function machineSettings(env: Environment): MachineSettings {
  return {
    reminderAfterMs: env.BOOKING_REMINDER_AFTER,
    escalateAfterMs: env.BOOKING_ESCALATE_AFTER,
    reconfirmBeforeMs: env.BOOKING_RECONFIRM_BEFORE,
    urgentWindowMs: env.BOOKING_URGENT_WINDOW,
    urgentFanout: env.BOOKING_URGENT_FANOUT,
    reportAfterMs: env.BOOKING_REPORT_AFTER,
    reportReminderAfterMs: env.BOOKING_REPORT_REMINDER_AFTER,
    reportCloseAfterMs: env.BOOKING_REPORT_CLOSE_AFTER,
  };
}
