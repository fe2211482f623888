/**
 * Timing settings of the signal round trip.
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
