/**
 * Timing settings of the signal round trip and the names of its jobs.
 */

/** Configurable minutes (defaults follow the issue: 15 minutes each). */
export interface SignalSettings {
  /** Heads are reminded every this many minutes until a curator is assigned. */
  assignReminderMinutes: number;
  /** Heads are told when the curator has not accepted within this many minutes. */
  acceptTimeoutMinutes: number;
}

export const DEFAULT_SIGNAL_SETTINGS: SignalSettings = {
  assignReminderMinutes: 15,
  acceptTimeoutMinutes: 15,
};

export const ASSIGN_REMINDER_JOB = "signal-assign-reminder";
export const ACCEPT_TIMEOUT_JOB = "signal-accept-timeout";
export const VISIT_DEADLINE_JOB = "signal-visit-deadline";
